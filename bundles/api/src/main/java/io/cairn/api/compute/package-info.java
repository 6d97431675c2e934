@Version("1.0.0")
package io.cairn.api.compute;

import org.osgi.annotation.versioning.Version;
