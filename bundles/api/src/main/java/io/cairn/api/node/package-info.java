@Version("1.1.0")
package io.cairn.api.node;

import org.osgi.annotation.versioning.Version;
