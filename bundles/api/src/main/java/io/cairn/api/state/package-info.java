/**
 * The authoritative, strongly consistent store: VM specs, ownership, credentials. A write
 * returns only when a majority of voters has it on disk; a minority cannot write.
 */
@Version("1.3.0")
package io.cairn.api.state;

import org.osgi.annotation.versioning.Version;
