@Version("1.0.0")
package io.cairn.api.host;

import org.osgi.annotation.versioning.Version;
