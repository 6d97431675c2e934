package io.cairn.api.storage;

import java.util.List;
import java.util.Objects;

/**
 * What a driver sees of an imported pool (members named by device; core maps them to nodes).
 *
 * @param name      the pool's name
 * @param health    the pool's health
 * @param layout    the top-level vdev, e.g. "raidz1"
 * @param members   the members of that vdev
 * @param scrub     the last scrub or resilver
 * @param sizeBytes total size, allocatedBytes what is used (0 when the backend does not tell)
 */
public record PoolObservation(String name, PoolHealth health, String layout, List<MemberStatus> members,
                              ScrubStatus scrub, long sizeBytes, long allocatedBytes) {
    public PoolObservation {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(health, "health must not be null");
        layout = layout == null ? "" : layout;
        members = List.copyOf(Objects.requireNonNull(members, "members must not be null"));
        Objects.requireNonNull(scrub, "scrub must not be null");
    }
}
