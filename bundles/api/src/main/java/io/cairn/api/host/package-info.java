@Version("1.2.0")
package io.cairn.api.host;

import org.osgi.annotation.versioning.Version;
