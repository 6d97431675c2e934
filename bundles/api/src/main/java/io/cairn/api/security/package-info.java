@Version("1.0.0")
package io.cairn.api.security;

import org.osgi.annotation.versioning.Version;
