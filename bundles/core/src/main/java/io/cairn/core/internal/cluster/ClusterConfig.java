package io.cairn.core.internal.cluster;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** etc/io.cairn.cluster.cfg: who this node is and how it finds the others. */
@ObjectClassDefinition(name = "Cairn cluster", description = "Node identity and cluster membership")
public @interface ClusterConfig {
    String PID = "io.cairn.cluster";

    @AttributeDefinition(name = "node.name", description = "This node's name (a DNS label), unique in the cluster")
    String node_name();

    @AttributeDefinition(name = "bind.address", description = "Address of the private cluster network to bind to")
    String bind_address() default "127.0.0.1";

    @AttributeDefinition(name = "members", description = "Comma-separated addresses of all cluster members")
    String members() default "127.0.0.1";

    @AttributeDefinition(name = "port", description = "Cluster (Hazelcast) port, the same on every member")
    int port() default 5701;

    @AttributeDefinition(name = "cluster.name", description = "Name shared by all members of one cluster")
    String cluster_name() default "cairn";

    @AttributeDefinition(name = "heartbeat.interval.ms", description = "How often this node publishes its heartbeat")
    long heartbeat_interval_ms() default 1000;

    @AttributeDefinition(name = "suspect.after.ms", description = "A node whose heartbeat is this late is suspect")
    long suspect_after_ms() default 3000;

    @AttributeDefinition(name = "down.after.ms", description = "A node whose heartbeat is this late is down")
    long down_after_ms() default 6000;

    @AttributeDefinition(name = "lease.ms", description = "Node lease: a node whose lease is not renewed for "
            + "this long (plus the margin) loses its HA VMs to the survivors")
    long lease_ms() default 10000;

    @AttributeDefinition(name = "lease.margin.ms", description = "Safety margin: the node's own watchdog fires "
            + "this much before the lease runs out, the others wait this much after")
    long lease_margin_ms() default 3000;

    @AttributeDefinition(name = "restart.grace.ms", description = "How long a planned Karaf restart may take "
            + "before the watchdog fences the node and its lease expires")
    long restart_grace_ms() default 120000;

    @AttributeDefinition(name = "watchdog.socket", description = "UNIX socket of this node's fencing watchdog "
            + "(bin/cairn-watchdog); empty means ${karaf.data}/cairn/watchdog.sock")
    String watchdog_socket() default "";

    @AttributeDefinition(name = "watchdog.required", description = "Refuse to run VMs unless the watchdog is "
            + "armed. Only a test bench without VMs may turn this off")
    boolean watchdog_required() default true;
}
