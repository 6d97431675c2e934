package io.cairn.api.compute;

import io.cairn.api.common.DnsLabel;
import io.cairn.api.storage.PoolName;

import java.util.regex.Pattern;

/**
 * A disk of a VM: a volume of {@code sizeMiB} on a cluster pool, empty or cloned from an image,
 * attached as virtio with {@code cache='none'}. The VM runs on the node that owns the pool; the volume is made by that
 * node at the VM's first start and kept across restarts.
 *
 * @param name    the disk's name in the VM: a lowercase letter or digit, then letters, digits or
 *                '-', at most {@value #MAX_NAME} characters
 * @param pool    the cluster pool the volume lives on; null in a new VM's spec asks for the home pool of the node
 *                placement picks (or the pool of the disk's image), and the stored spec names the pool chosen
 *                (since 1.6)
 * @param sizeMiB size in MiB, 1 to {@value #MAX_SIZE_MIB}, and at most the pool's size
 * @param image   the image (on the same pool) the volume is cloned from at the first start, at least
 *                {@code sizeMiB} large; null for an empty volume (since 1.5)
 */
public record VmDisk(String name, String pool, long sizeMiB, String image) {
    public static final int MAX_NAME = 15;
    public static final long MAX_SIZE_MIB = 64L * 1024 * 1024;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0," + (MAX_NAME - 1) + "}");

    public VmDisk {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("disk name must be a lowercase letter or digit, then letters, digits "
                    + "or '-' (at most " + MAX_NAME + " characters), was "
                    + (name == null ? "missing" : "'" + DnsLabel.printable(name) + "'"));
        }
        if (pool != null) {
            try {
                PoolName.require(pool);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("disk " + name + ": " + e.getMessage(), e);
            }
        }
        if (sizeMiB < 1 || sizeMiB > MAX_SIZE_MIB) {
            throw new IllegalArgumentException("disk " + name + ": sizeMiB must be between 1 and " + MAX_SIZE_MIB
                    + ", was " + sizeMiB);
        }
        if (image != null) {
            try {
                io.cairn.api.storage.ImageName.require(image);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("disk " + name + ": " + e.getMessage(), e);
            }
        }
    }

    /** The same disk on {@code onPool} (a default pool resolved at create). */
    public VmDisk on(String onPool) {
        return new VmDisk(name, PoolName.require(onPool), sizeMiB, image);
    }

    /** An empty volume. */
    public VmDisk(String name, String pool, long sizeMiB) {
        this(name, pool, sizeMiB, null);
    }

    /**
     * The volume's name on its pool: {@code <vm id>/<disk>}, so a backend keeps all of a VM's disks
     * under one parent (one atomic snapshot covers them all).
     */
    public String volume(java.util.UUID vmId) {
        return vmId + "/" + name;
    }

    public long sizeBytes() {
        return sizeMiB << 20;
    }
}
