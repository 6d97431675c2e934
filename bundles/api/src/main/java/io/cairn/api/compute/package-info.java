@Version("1.7.0")
package io.cairn.api.compute;

import org.osgi.annotation.versioning.Version;
