@Version("1.0.0")
package io.cairn.api.node;

import org.osgi.annotation.versioning.Version;
