package io.cairn.api.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A disk image: read-only, the origin VM disks are cloned from (copy-on-write, instant). It is on one
 * or more pools: the one it was imported into, and those it was copied to ({@code zfs send | zfs
 * receive} between the pools' owners); a VM disk is cloned from the copy on its own pool.
 *
 * @param name      {@link ImageName}, unique in the cluster
 * @param pool      the pool it was imported into (once that pool is gone: the first pool still holding it)
 * @param pools     every pool holding a copy, sorted, {@code pool} among them; null (a record written
 *                  before copies existed) is {@code [pool]}
 * @param format    the format of the file it was imported from: {@code raw} or {@code qcow2} (stored raw)
 * @param sizeBytes the disk's (virtual) size; a disk cloned from it is at least this large
 * @param created   when its import completed
 */
public record Image(String name, String pool, List<String> pools, String format, long sizeBytes, Instant created) {
    /** The formats an import accepts. */
    public static final Set<String> FORMATS = Set.of("raw", "qcow2");

    public Image {
        ImageName.require(name);
        PoolName.require(pool);
        TreeSet<String> sorted = new TreeSet<>(pools == null ? List.of(pool) : pools);
        sorted.forEach(PoolName::require);
        if (!sorted.contains(pool)) {
            throw new IllegalArgumentException("image " + name + ": pools " + sorted + " must hold its pool " + pool);
        }
        pools = List.copyOf(sorted);
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("image format must be raw or qcow2, was " + format);
        }
        if (sizeBytes <= 0) {
            throw new IllegalArgumentException("image size must be positive, was " + sizeBytes);
        }
        Objects.requireNonNull(created, "created must not be null");
    }

    /** An image on the one pool it was imported into. */
    public Image(String name, String pool, String format, long sizeBytes, Instant created) {
        this(name, pool, List.of(pool), format, sizeBytes, created);
    }

    /** The size in MiB, rounded up: the smallest {@code sizeMiB} of a disk cloned from it. */
    public long sizeMiB() {
        return (sizeBytes + (1L << 20) - 1) >> 20;
    }

    /** Whether {@code pool} holds a copy. */
    public boolean isOn(String pool) {
        return pools.contains(pool);
    }

    /** The same image with a copy on {@code target} too. @since 1.4 */
    public Image withCopy(String target) {
        List<String> more = new ArrayList<>(pools);
        more.add(target);
        return new Image(name, pool, more, format, sizeBytes, created);
    }

    /**
     * The same image without its copy on {@code gone}; when that was the pool it was imported into,
     * the first remaining pool takes its place.
     *
     * @throws IllegalStateException when {@code gone} holds its only copy (the image goes with it)
     * @since 1.4
     */
    public Image withoutCopy(String gone) {
        List<String> rest = new ArrayList<>(pools);
        rest.remove(gone);
        if (rest.isEmpty()) {
            throw new IllegalStateException("pool " + gone + " holds the only copy of image " + name);
        }
        return new Image(name, pool.equals(gone) ? rest.get(0) : pool, rest, format, sizeBytes, created);
    }
}
