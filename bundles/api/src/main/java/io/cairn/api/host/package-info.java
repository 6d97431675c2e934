@Version("1.1.0")
package io.cairn.api.host;

import org.osgi.annotation.versioning.Version;
