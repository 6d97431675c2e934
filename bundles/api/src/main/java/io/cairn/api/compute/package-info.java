@Version("1.2.0")
package io.cairn.api.compute;

import org.osgi.annotation.versioning.Version;
