package io.cairn.core.internal.cluster;

import io.cairn.api.common.DnsLabel;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Validated form of {@link ClusterConfig}; the messages name the setting to fix. */
public record ClusterSettings(String nodeName, String bindAddress, List<String> members, int port,
                             String clusterName, Duration heartbeatInterval, Duration suspectAfter,
                             Duration downAfter, Fencing fencing) {
    /** Lease and watchdog timing; see {@link ClusterConfig}. */
    public record Fencing(Duration lease, Duration margin, Duration restartGrace, String watchdogSocket,
                          boolean watchdogRequired) {
        public Fencing {
            if (lease.toMillis() < 2000) {
                throw new IllegalArgumentException("lease.ms must be at least 2000");
            }
            if (margin.isNegative() || margin.multipliedBy(2).compareTo(lease) >= 0) {
                throw new IllegalArgumentException("lease.margin.ms must be at least 0 and less than half of lease.ms");
            }
            if (restartGrace.isNegative()) {
                throw new IllegalArgumentException("restart.grace.ms must not be negative");
            }
        }

        /** How long the watchdog waits without a feed: the lease less the margin. */
        public Duration watchdogTimeout() {
            return lease.minus(margin);
        }
    }

    public ClusterSettings {
        if (nodeName == null || nodeName.isBlank()) {
            throw new IllegalArgumentException("node.name is not set in etc/" + ClusterConfig.PID + ".cfg");
        }
        DnsLabel.require(nodeName, "node.name in etc/" + ClusterConfig.PID + ".cfg");
        requireAddress(bindAddress, "bind.address");
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("members must list at least this node's address");
        }
        members.forEach(m -> requireAddress(m, "members"));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, was " + port);
        }
        if (heartbeatInterval.toMillis() < 100) {
            throw new IllegalArgumentException("heartbeat.interval.ms must be at least 100");
        }
        if (suspectAfter.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("suspect.after.ms must be at least twice heartbeat.interval.ms");
        }
        if (downAfter.compareTo(suspectAfter) <= 0) {
            throw new IllegalArgumentException("down.after.ms must be greater than suspect.after.ms");
        }
        java.util.Objects.requireNonNull(fencing, "fencing must not be null");
    }

    public static ClusterSettings from(ClusterConfig config) {
        List<String> members = Arrays.stream(config.members().split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new ClusterSettings(config.node_name(), config.bind_address().trim(), members, config.port(),
                config.cluster_name(), Duration.ofMillis(config.heartbeat_interval_ms()),
                Duration.ofMillis(config.suspect_after_ms()), Duration.ofMillis(config.down_after_ms()),
                new Fencing(Duration.ofMillis(config.lease_ms()), Duration.ofMillis(config.lease_margin_ms()),
                        Duration.ofMillis(config.restart_grace_ms()), config.watchdog_socket().trim(),
                        config.watchdog_required()));
    }

    /** Members needed for a majority of the configured cluster. */
    public int majority() {
        return members.size() / 2 + 1;
    }

    private static void requireAddress(String address, String setting) {
        if (address == null || address.isBlank() || !address.matches("[0-9A-Za-z.:-]+")) {
            throw new IllegalArgumentException(setting + " must hold IP addresses or host names, was '" + address + "'");
        }
        try {
            InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(setting + ": cannot resolve '" + address + "'");
        }
    }
}
