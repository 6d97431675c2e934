package io.cairn.core.internal.security.tls;

/**
 * The TLS keys of etc/io.cairn.cluster.cfg, read as a component property type (the cluster member designates the
 * PID's metatype). Members and the seed come from {@code members} of etc/io.cairn.state.cfg, see {@link TlsMembers}.
 */
public @interface TlsConfig {
    /** {@code node.name}: this node's name; must be a member of etc/io.cairn.state.cfg. */
    String node_name();

    /** {@code bind.address}: this node's cluster address, a SAN of its certificate. */
    String bind_address() default "127.0.0.1";

    /** {@code cluster.name}: in the CA's subject. */
    String cluster_name() default "cairn";

    /**
     * {@code join.token.file}: the file holding the join token a new member enrols with, as cluster:join-token prints
     * it; empty means ${karaf.data}/cairn/tls/join.token, which is deleted once the node is enrolled.
     */
    String join_token_file() default "";

    /** {@code join.token.ttl.hours}: lifetime of the bootstrap token and of cluster:join-token's without --ttl. */
    long join_token_ttl_hours() default 24;

    /**
     * {@code join.ca.url}: where a new member asks for its certificate; empty means
     * https://&lt;host of the first member&gt;:8443/cairn/v1/cluster/certificates.
     */
    String join_ca_url() default "";
}
