package io.cairn.api.storage;

import java.util.Objects;

/**
 * A member disk served to a pool's owner: only clients asking for {@code exportName} (which
 * names the owner and its epoch, see {@link PoolOwnership#exportName()}) are served.
 */
public record DiskExport(String pool, String disk, String bindAddress, int port, String exportName) {
    public DiskExport {
        PoolName.require(pool);
        if (disk == null || !disk.startsWith("/")) {
            throw new IllegalArgumentException("disk must be an absolute path, was " + disk);
        }
        Objects.requireNonNull(bindAddress, "bindAddress must not be null");
        if (port < 1024 || port > 65535) {
            throw new IllegalArgumentException("port must be 1024-65535, was " + port);
        }
        if (exportName == null || !exportName.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("exportName must be letters, digits, '_', '-', '.', was " + exportName);
        }
    }
}
