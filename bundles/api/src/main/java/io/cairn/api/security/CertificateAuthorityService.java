package io.cairn.api.security;

import java.time.Duration;

/**
 * The cluster CA, registered only on the node that holds the CA key (the seed: the first configured member). It signs
 * node certificates for the transports' mutual TLS and issues the join tokens that authorise such a request.
 */
public interface CertificateAuthorityService {
    /**
     * Signs a node certificate for the key of a PKCS#10 request.
     *
     * @param token  the join token ({@code <id>.<secret>.<CA SHA-256 fingerprint>}, or {@code <id>.<secret>})
     * @param csrPem the request (PEM {@code CERTIFICATE REQUEST}); its CN is the node name, a configured member
     * @return the signed certificate chain and the CA certificate
     * @throws JoinTokenRejectedException           the token is unknown, wrong, expired, used or pins another CA
     * @throws CertificateRequestException          the request is not a well-formed, self-signed PKCS#10 with a CN
     * @throws io.cairn.api.common.ConflictException the name is not a configured member, or that member already holds
     *                                              a certificate for another key (and the token is not a re-issue
     *                                              token for it)
     */
    SignedCertificate signNodeCertificate(String token, String csrPem);

    /**
     * Issues a one-time join token (only its hash is kept).
     *
     * @param ttl        how long it is valid; null for the configured default
     * @param reissueFor a member name that may be issued a certificate for a new key with this token (the admin's
     *                   re-issue), or null for an ordinary join token
     * @throws io.cairn.api.common.ConflictException reissueFor is not a configured member
     */
    JoinToken issueJoinToken(Duration ttl, String reissueFor);
}
