@Version("1.0.0")
package io.cairn.api.common;

import org.osgi.annotation.versioning.Version;
