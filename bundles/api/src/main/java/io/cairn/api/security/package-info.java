@Version("1.1.0")
package io.cairn.api.security;

import org.osgi.annotation.versioning.Version;
