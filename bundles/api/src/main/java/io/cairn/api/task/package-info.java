@Version("1.0.0")
package io.cairn.api.task;

import org.osgi.annotation.versioning.Version;
