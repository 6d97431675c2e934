@Version("1.3.0")
package io.cairn.api.compute;

import org.osgi.annotation.versioning.Version;
