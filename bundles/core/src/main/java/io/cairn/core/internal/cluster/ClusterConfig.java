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
}
