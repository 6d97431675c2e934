package io.cairn.sdn.geneve.internal;

import io.cairn.api.host.HostCommands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The node's Open vSwitch and the cluster's OVN northbound database, through their tools' argv. */
final class Ovs {
    private final HostCommands host;
    private final String nbRemote;
    private final Duration timeout;

    Ovs(HostCommands host, String nbRemote, Duration timeout) {
        this.host = host;
        this.nbRemote = nbRemote;
        this.timeout = timeout;
    }

    /** {@code ovn-nbctl} against the NB cluster; returns stdout, trimmed. */
    String nb(List<String> args) {
        List<String> argv = new ArrayList<>(List.of("ovn-nbctl", "--db=" + nbRemote,
                "--timeout=" + Math.max(1, timeout.toSeconds())));
        argv.addAll(args);
        return host.run(argv, timeout.plusSeconds(5)).stdout().trim();
    }

    /** {@code ovs-vsctl} against this node's OVS; returns stdout, trimmed. */
    String vsctl(List<String> args) {
        List<String> argv = new ArrayList<>(List.of("ovs-vsctl", "--timeout=" + Math.max(1, timeout.toSeconds())));
        argv.addAll(args);
        return host.run(argv, timeout.plusSeconds(5)).stdout().trim();
    }
}
