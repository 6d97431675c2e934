package io.cairn.api.compute;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A disk to attach to a domain, already resolved to a file or device on this host.
 *
 * @param path     absolute path of the image file or block device
 * @param bus      how the guest sees it, a lowercase name such as {@code virtio}, {@code ahci},
 *                 {@code nvme}, {@code sata} or {@code ide}; each driver accepts the buses its
 *                 hypervisor emulates and refuses the others with the list it supports
 * @param readOnly attach the disk read-only
 */
public record DomainDisk(Path path, String bus, boolean readOnly) {
    private static final Pattern BUS = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    public DomainDisk {
        Objects.requireNonNull(path, "disk path must not be null");
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("disk path must be absolute, was '" + path + "'");
        }
        bus = bus == null ? "virtio" : bus.toLowerCase(Locale.ROOT);
        if (!BUS.matcher(bus).matches()) {
            throw new IllegalArgumentException("disk bus must be a lowercase name such as virtio, ahci or nvme, was '"
                    + bus + "'");
        }
    }
}
