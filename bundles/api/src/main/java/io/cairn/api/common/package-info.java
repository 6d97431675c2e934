@Version("1.1.0")
package io.cairn.api.common;

import org.osgi.annotation.versioning.Version;
