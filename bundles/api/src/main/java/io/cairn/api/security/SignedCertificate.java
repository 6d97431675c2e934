package io.cairn.api.security;

import java.util.Objects;

/**
 * A node certificate as the cluster CA returns it.
 *
 * @param node             the node name the certificate is issued to
 * @param certificateChain PEM: the node certificate, then the CA certificate
 * @param caCertificate    PEM: the cluster CA certificate
 */
public record SignedCertificate(String node, String certificateChain, String caCertificate) {
    public SignedCertificate {
        Objects.requireNonNull(node, "node must not be null");
        requirePem(certificateChain, "certificateChain");
        requirePem(caCertificate, "caCertificate");
    }

    private static void requirePem(String pem, String what) {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException(what + " must hold a PEM certificate");
        }
    }
}
