package io.cairn.api.security;

import java.nio.file.Path;

/**
 * This node's credentials for mutual TLS between cluster members: PEM files of its private key, its certificate
 * chain (issued by the cluster CA) and the cluster CA certificate that peers must chain to. Published as a service
 * once the node holds a certificate.
 */
public interface TransportTls {
    Path privateKey();

    Path certificateChain();

    Path trustedCa();
}
