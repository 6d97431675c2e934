@Version("1.2.0")
package io.cairn.api.node;

import org.osgi.annotation.versioning.Version;
