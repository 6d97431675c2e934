@Version("1.4.0")
package io.cairn.api.compute;

import org.osgi.annotation.versioning.Version;
