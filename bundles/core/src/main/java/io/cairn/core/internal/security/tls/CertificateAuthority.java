package io.cairn.core.internal.security.tls;

import io.cairn.api.common.ConflictException;
import io.cairn.api.security.CertificateAuthorityService;
import io.cairn.api.security.JoinToken;
import io.cairn.api.security.JoinTokenRejectedException;
import io.cairn.api.security.SignedCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The signing policy of the cluster CA. A request is signed when its join token is known, its secret matches, it has
 * not expired and (for a one-time token) has not been used for another node or key; and when the request's CN is a
 * configured member that holds no certificate for another key yet (unless the token is an admin's re-issue token for
 * that member). The certificate gets the member's configured address as SAN, never one from the request; it is valid
 * one year. The same node asking again with the same key (a lost answer) is answered again with the same token.
 */
final class CertificateAuthority implements CertificateAuthorityService {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateAuthority.class);

    private final ClusterCa ca;
    private final TokenStore tokens;
    private final IssuedStore issued;
    private final Supplier<TlsMembers> members;
    private final Clock clock;
    private final Duration defaultTtl;

    CertificateAuthority(ClusterCa ca, TlsDir dir, Supplier<TlsMembers> members, Clock clock, Duration defaultTtl) {
        if (defaultTtl.isNegative() || defaultTtl.isZero()) {
            throw new IllegalArgumentException("join.token.ttl.hours must be positive");
        }
        this.ca = ca;
        this.tokens = new TokenStore(dir.tokens());
        this.issued = new IssuedStore(dir.issued());
        this.members = members;
        this.clock = clock;
        this.defaultTtl = defaultTtl;
    }

    ClusterCa ca() {
        return ca;
    }

    @Override
    public synchronized SignedCertificate signNodeCertificate(String token, String csrPem) {
        TokenString presented = TokenString.parse(token);
        if (presented.fingerprint() != null && !Fingerprints.equal(presented.fingerprint(), ca.fingerprint())) {
            throw rejected("the join token pins CA " + abbreviate(presented.fingerprint()) + ", this node's CA is "
                    + abbreviate(ca.fingerprint()) + ": it was made for another cluster");
        }
        Instant now = clock.instant();
        TokenStore.Entry entry = tokens.find(presented.id())
                .orElseThrow(() -> rejected("unknown join token " + presented.id()));
        if (!Fingerprints.equal(Fingerprints.sha256(presented.secret()), entry.secretSha256())) {
            throw rejected("wrong secret for join token " + entry.id());
        }
        if (!now.isBefore(entry.expires())) {
            throw rejected("join token " + entry.id() + " expired at " + entry.expires()
                    + "; print a new one with cluster:join-token on the CA node");
        }
        CertificateRequests.Parsed request = CertificateRequests.parse(csrPem);
        String node = request.node();
        TlsMembers configured = members.get();
        if (!configured.isMember(node)) {
            throw new ConflictException("'" + node + "' is not a configured member (members of etc/io.cairn.state.cfg: "
                    + String.join(", ", configured.names()) + ")");
        }
        if (entry.reissueFor() != null && !entry.reissueFor().equals(node)) {
            throw rejected("join token " + entry.id() + " re-issues only the certificate of " + entry.reissueFor());
        }
        if (entry.bootstrap() && !entry.initial().contains(node)) {
            throw rejected("the bootstrap join token serves only the initial members (" + String.join(", ", entry.initial())
                    + "); print a token for " + node + " with cluster:join-token");
        }
        String key = Fingerprints.of(request.publicKey());
        if (!entry.bootstrap() && entry.usedBy() != null && !(entry.usedBy().equals(node) && entry.usedKey().equals(key))) {
            throw rejected("join token " + entry.id() + " was already used by " + entry.usedBy());
        }
        IssuedStore.Entry before = issued.get(node).orElse(null);
        if (before != null && !before.keySha256().equals(key) && entry.reissueFor() == null) {
            throw new ConflictException("'" + node + "' already holds a certificate for another key (issued "
                    + before.issued() + "); to replace it, print a re-issue token on the CA node with "
                    + "cluster:join-token --reissue " + node);
        }
        List<String> addresses = new ArrayList<>();
        configured.host(node).ifPresent(addresses::add);
        X509Certificate certificate = ca.issue(node, addresses, request.publicKey(), now, ClusterCa.NODE_VALIDITY);
        issued.put(node, new IssuedStore.Entry(key, certificate.getSerialNumber().toString(16), now,
                certificate.getNotAfter().toInstant()));
        if (!entry.bootstrap()) {
            tokens.put(entry.usedBy(node, key), now);
        }
        LOG.info("Issued a certificate to {} (serial {}, valid until {}) with join token {}", node,
                certificate.getSerialNumber().toString(16), certificate.getNotAfter().toInstant(), entry.id());
        return new SignedCertificate(node, Pem.certificates(List.of(certificate, ca.certificate())),
                Pem.certificates(List.of(ca.certificate())));
    }

    @Override
    public JoinToken issueJoinToken(Duration ttl, String reissueFor) {
        Duration validity = ttl == null ? defaultTtl : ttl;
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("a join token's lifetime must be positive");
        }
        if (reissueFor != null && !members.get().isMember(reissueFor)) {
            throw new ConflictException("'" + reissueFor + "' is not a configured member");
        }
        return issue(validity, false, List.of(), reissueFor);
    }

    /** The token made with the CA: it enrols each of {@code initial} once (per key) until it expires. */
    JoinToken issueBootstrapToken(List<String> initial) {
        return issue(defaultTtl, true, initial, null);
    }

    /** Signs the CA node's own certificate: no token, the node holds the CA key. */
    X509Certificate issueOwn(String node, List<String> addresses, java.security.PublicKey key) {
        Instant now = clock.instant();
        X509Certificate certificate = ca.issue(node, addresses, key, now, ClusterCa.NODE_VALIDITY);
        issued.put(node, new IssuedStore.Entry(Fingerprints.of(key), certificate.getSerialNumber().toString(16), now,
                certificate.getNotAfter().toInstant()));
        return certificate;
    }

    private synchronized JoinToken issue(Duration validity, boolean bootstrap, List<String> initial, String reissueFor) {
        Instant now = clock.instant();
        TokenString token;
        do {
            token = TokenString.generate(ca.fingerprint());
        } while (tokens.find(token.id()).isPresent());
        Instant expires = now.plus(validity);
        tokens.put(new TokenStore.Entry(token.id(), Fingerprints.sha256(token.secret()), expires, bootstrap, initial,
                reissueFor, null, null), now);
        LOG.info("Issued {}join token {} valid until {}{}", bootstrap ? "the bootstrap " : "", token.id(), expires,
                reissueFor == null ? "" : " to re-issue the certificate of " + reissueFor);
        return new JoinToken(token.toString(), expires, reissueFor);
    }

    private static JoinTokenRejectedException rejected(String message) {
        LOG.warn("Refused a certificate request: {}", message);
        return new JoinTokenRejectedException(message);
    }

    static String abbreviate(String fingerprint) {
        return fingerprint.substring(0, 16) + "…";
    }
}
