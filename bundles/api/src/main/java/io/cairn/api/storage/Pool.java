package io.cairn.api.storage;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A pool's durable record: its spec, the disk each node gives it, and the port its member disks
 * are exported on (over NBD) to its owner.
 */
public record Pool(PoolSpec spec, List<PoolMember> members, int exportPort, Instant created) {
    public Pool {
        Objects.requireNonNull(spec, "spec must not be null");
        members = List.copyOf(Objects.requireNonNull(members, "members must not be null"));
        if (members.size() <= spec.redundancy()) {
            throw new IllegalArgumentException("a raidz" + spec.redundancy() + " pool needs more than "
                    + spec.redundancy() + " members, has " + members.size());
        }
        Set<String> nodes = new HashSet<>();
        for (PoolMember m : members) {
            if (!nodes.add(m.node())) {
                throw new IllegalArgumentException("node " + m.node() + " gives pool " + spec.name() + " two disks");
            }
        }
        if (exportPort < 1024 || exportPort > 65535) {
            throw new IllegalArgumentException("exportPort must be 1024-65535, was " + exportPort);
        }
        Objects.requireNonNull(created, "created must not be null");
    }

    public String name() {
        return spec.name();
    }

    /** The member disk of {@code node}, if it gives one. */
    public java.util.Optional<PoolMember> memberOf(String node) {
        return members.stream().filter(m -> m.node().equals(node)).findFirst();
    }
}
