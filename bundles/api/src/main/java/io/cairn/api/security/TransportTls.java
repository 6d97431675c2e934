package io.cairn.api.security;

import java.nio.file.Path;

/**
 * This node's credentials for the cluster's mutual-TLS transports (the Raft store). Registered once the node holds a
 * private key, a certificate issued by the cluster CA for that key, and the cluster CA certificate; all three are PEM
 * files on the node's disk, readable only by the Karaf user where they hold a secret.
 */
public interface TransportTls {
    /** The node's private key: one PEM block {@code PRIVATE KEY} (unencrypted PKCS#8), file mode 0600. */
    Path privateKey();

    /**
     * The node's certificate chain: PEM {@code CERTIFICATE} blocks, the node certificate first (CN and a DNS SAN = the
     * node name, IP/DNS SANs = its cluster addresses, EKU serverAuth and clientAuth), then the cluster CA certificate.
     */
    Path certificateChain();

    /** The cluster CA certificate (one PEM {@code CERTIFICATE} block): the only issuer a peer's certificate may have. */
    Path trustedCa();
}
