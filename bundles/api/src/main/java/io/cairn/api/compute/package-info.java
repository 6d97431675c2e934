@Version("1.1.0")
package io.cairn.api.compute;

import org.osgi.annotation.versioning.Version;
