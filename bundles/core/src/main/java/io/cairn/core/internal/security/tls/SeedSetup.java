package io.cairn.core.internal.security.tls;

import io.cairn.api.security.JoinToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * On the seed (the first configured member): creates the cluster CA at its first start, its own node certificate, and
 * the bootstrap join token in data/cairn/tls/join.token; at later starts loads the CA.
 */
final class SeedSetup {
    private static final Logger LOG = LoggerFactory.getLogger(SeedSetup.class);

    private SeedSetup() {
    }

    static CertificateAuthority run(TlsDir dir, String clusterName, String node, List<String> addresses,
                                    Supplier<TlsMembers> members, Clock clock, Duration tokenTtl) throws IOException {
        boolean created = false;
        ClusterCa ca;
        if (dir.holdsCa()) {
            ca = CaFiles.load(dir);
        } else {
            if (Files.exists(dir.nodeChain())) {
                LOG.warn("{} holds a node certificate but no CA: creating a new cluster CA; members enrolled with the "
                        + "old one must enrol again", dir.dir());
            }
            ca = CaFiles.create(dir, clusterName, clock.instant());
            created = true;
            LOG.info("Created the cluster CA '{}' (SHA-256 {}) in {}", ca.certificate().getSubjectX500Principal(),
                    ca.fingerprint(), dir.dir());
        }
        CertificateAuthority authority = new CertificateAuthority(ca, dir, members, clock, tokenTtl);
        if (NodeCredentials.problem(dir, node, clock.instant()).isPresent()) {
            KeyPair pair = KeyPairs.generate();
            X509Certificate own = authority.issueOwn(node, addresses, pair.getPublic());
            DurableFiles.writeSecret(dir.nodeKey(), Pem.privateKey(pair.getPrivate()));
            DurableFiles.writePublic(dir.nodeChain(), Pem.certificates(List.of(own, ca.certificate())));
            LOG.info("Issued this node's own certificate ({}, valid until {})", node, own.getNotAfter().toInstant());
        }
        // a crash between the CA and the token, or a first start: no token was ever issued
        if (created || (!Files.exists(dir.joinToken()) && !Files.exists(dir.tokens()))) {
            JoinToken token = authority.issueBootstrapToken(members.get().names());
            DurableFiles.writeSecret(dir.joinToken(), token.token() + "\n");
            LOG.info("Wrote the bootstrap join token to {} (valid until {}); hand it to the other members",
                    dir.joinToken(), token.expires());
        }
        return authority;
    }
}
