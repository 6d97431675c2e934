package io.cairn.api.storage;

import java.util.List;
import java.util.Objects;

/**
 * What a driver builds: a raidz{@code redundancy} pool of {@code devices} (local paths on the
 * owner: its own disk and the attached member exports); the driver decides where datasets mount.
 */
public record PoolLayout(String name, int redundancy, List<String> devices, String compression, boolean dedup) {
    public PoolLayout {
        PoolName.require(name);
        devices = List.copyOf(Objects.requireNonNull(devices, "devices must not be null"));
        if (redundancy < 1 || redundancy > 3 || devices.size() <= redundancy) {
            throw new IllegalArgumentException("raidz" + redundancy + " needs more than " + redundancy
                    + " devices, has " + devices.size());
        }
        Objects.requireNonNull(compression, "compression must not be null");
    }
}
