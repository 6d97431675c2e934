package io.cairn.api.storage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A pool as its owner last observed it (soft state).
 *
 * @param name       the pool
 * @param owner      the node that reports (its owner)
 * @param epoch      the owner's epoch, as written in the pool's {@code cairn:epoch} property
 * @param imported   whether the owner has it imported
 * @param health     ONLINE, DEGRADED, FAULTED…; UNKNOWN when not imported
 * @param layout     e.g. "raidz1"
 * @param members    each member with its node, state and error counts
 * @param scrub      the last scrub or resilver, with repaired bytes
 * @param sizeBytes  pool size
 * @param allocatedBytes used
 * @param backend    how volumes are stored on this host (zvol or file)
 * @param error      why the owner could not bring the pool up ("" when none)
 * @param observedAt when
 */
public record PoolStatus(String name, String owner, long epoch, boolean imported, PoolHealth health, String layout,
                         List<MemberStatus> members, ScrubStatus scrub, long sizeBytes, long allocatedBytes,
                         VolumeBackend backend, String error, Instant observedAt) {
    public PoolStatus {
        PoolName.require(name);
        Objects.requireNonNull(health, "health must not be null");
        layout = layout == null ? "" : layout;
        members = List.copyOf(Objects.requireNonNull(members, "members must not be null"));
        scrub = scrub == null ? ScrubStatus.NONE : scrub;
        error = error == null ? "" : error;
        Objects.requireNonNull(observedAt, "observedAt must not be null");
    }
}
