@Version("1.5.0")
package io.cairn.api.compute;

import org.osgi.annotation.versioning.Version;
