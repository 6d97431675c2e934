@Version("1.6.0")
package io.cairn.api.compute;

import org.osgi.annotation.versioning.Version;
