package io.cairn.itests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** What each node's own libvirtd shows, asked with virsh from the root namespace. */
final class Virsh {
    private Virsh() {
    }

    static String run(LocalCluster cluster, String node, String... args) {
        List<String> argv = new ArrayList<>(List.of("virsh", "-c", cluster.libvirtUri(node)));
        argv.addAll(Arrays.asList(args));
        return Host.run(argv, Duration.ofSeconds(30), Map.of());
    }

    /** Names of the running domains of a node. */
    static List<String> running(LocalCluster cluster, String node) {
        return Arrays.stream(run(cluster, node, "list", "--name").split("\n"))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Nodes whose libvirtd runs the domain. */
    static List<String> nodesRunning(LocalCluster cluster, String domain) {
        return cluster.nodes().stream().filter(n -> running(cluster, n).contains(domain)).toList();
    }

    /** The QEMU pid of a running domain, from the node's libvirt pid file. */
    static long qemuPid(LocalCluster cluster, String node, String domain) {
        return Long.parseLong(cluster.exec(node, "cat", "/run/libvirt/qemu/" + domain + ".pid").trim());
    }
}
