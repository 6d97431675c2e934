package io.cairn.api.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A disk image on a pool: read-only, the origin VM disks are cloned from (copy-on-write, instant).
 *
 * @param name      {@link ImageName}, unique in the cluster
 * @param pool      the pool it lives on; VM disks cloned from it are on the same pool
 * @param format    the format of the file it was imported from: {@code raw} or {@code qcow2} (stored raw)
 * @param sizeBytes the disk's (virtual) size; a disk cloned from it is at least this large
 * @param created   when its import completed
 */
public record Image(String name, String pool, String format, long sizeBytes, Instant created) {
    /** The formats an import accepts. */
    public static final Set<String> FORMATS = Set.of("raw", "qcow2");

    public Image {
        ImageName.require(name);
        PoolName.require(pool);
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("image format must be raw or qcow2, was " + format);
        }
        if (sizeBytes <= 0) {
            throw new IllegalArgumentException("image size must be positive, was " + sizeBytes);
        }
        Objects.requireNonNull(created, "created must not be null");
    }

    /** The size in MiB, rounded up: the smallest {@code sizeMiB} of a disk cloned from it. */
    public long sizeMiB() {
        return (sizeBytes + (1L << 20) - 1) >> 20;
    }
}
