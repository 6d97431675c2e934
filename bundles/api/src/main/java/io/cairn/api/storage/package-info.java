/**
 * Storage: cluster pools made of one disk from each node, their volumes and snapshots, and the
 * southbound SPI ({@link io.cairn.api.storage.StorageDriver}, {@link io.cairn.api.storage.DiskExportDriver})
 * a storage backend implements, and disk images VM disks are cloned from ({@link io.cairn.api.storage.Image}), on one pool or
 * copied to several.
 */
@Version("1.4.0")
package io.cairn.api.storage;

import org.osgi.annotation.versioning.Version;
