package io.cairn.core.internal.security.tls;

import io.cairn.api.security.SignedCertificate;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/** A node's key, chain and CA on disk: checks them, and stores a newly signed chain. */
final class NodeCredentials {
    private NodeCredentials() {
    }

    /** Why the node's files are not usable, or empty when they are (key matches, chain from the CA, in validity). */
    static Optional<String> problem(TlsDir dir, String node, Instant now) {
        for (var file : List.of(dir.nodeKey(), dir.nodeChain(), dir.caCertificate())) {
            if (!Files.isRegularFile(file)) {
                return Optional.of("no " + file);
            }
        }
        try {
            PrivateKey key = Pem.readPrivateKey(Files.readString(dir.nodeKey(), StandardCharsets.US_ASCII));
            List<X509Certificate> chain = Pem.readCertificates(Files.readString(dir.nodeChain(), StandardCharsets.US_ASCII));
            List<X509Certificate> cas = Pem.readCertificates(Files.readString(dir.caCertificate(), StandardCharsets.US_ASCII));
            return check(key, chain, cas.get(0), node, now);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of("cannot read the node's TLS files in " + dir.dir() + ": " + e.getMessage());
        }
    }

    static Optional<String> check(PrivateKey key, List<X509Certificate> chain, X509Certificate ca, String node,
                                  Instant now) {
        X509Certificate leaf = chain.get(0);
        if (!KeyPairs.matches(key, leaf.getPublicKey())) {
            return Optional.of("the node key does not belong to the node certificate");
        }
        try {
            leaf.verify(ca.getPublicKey());
            ca.verify(ca.getPublicKey());
            leaf.checkValidity(Date.from(now));
        } catch (GeneralSecurityException e) {
            return Optional.of("the node certificate is not valid under the cluster CA: " + e.getMessage());
        }
        if (!node.equals(commonName(leaf))) {
            return Optional.of("the node certificate is issued to " + leaf.getSubjectX500Principal() + ", not " + node);
        }
        if (chain.size() < 2 || !chain.get(chain.size() - 1).equals(ca)) {
            return Optional.of("the node certificate chain does not end with the cluster CA");
        }
        return Optional.empty();
    }

    static String commonName(X509Certificate certificate) {
        RDN[] cns = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
        return cns.length == 1 ? IETFUtils.valueToString(cns[0].getFirst().getValue()) : null;
    }

    /** Checks a CA's answer against this node's key and the pinned CA fingerprint, then stores it durably. */
    static void store(TlsDir dir, String node, PrivateKey key, SignedCertificate signed, String pinnedFingerprint,
                      Instant now) throws IOException {
        List<X509Certificate> cas = Pem.readCertificates(signed.caCertificate());
        String fingerprint = Fingerprints.of(cas.get(0));
        if (pinnedFingerprint != null && !Fingerprints.equal(fingerprint, pinnedFingerprint)) {
            throw new IllegalStateException("the answer's CA has fingerprint " + CertificateAuthority.abbreviate(fingerprint)
                    + " but the join token pins " + CertificateAuthority.abbreviate(pinnedFingerprint)
                    + ": not this cluster's CA, or someone in between");
        }
        List<X509Certificate> chain = Pem.readCertificates(signed.certificateChain());
        Optional<String> problem = check(key, chain, cas.get(0), node, now);
        if (problem.isPresent()) {
            throw new IllegalStateException("the CA's answer is not usable: " + problem.get());
        }
        DurableFiles.writePublic(dir.caCertificate(), Pem.certificates(List.of(cas.get(0))));
        DurableFiles.writePublic(dir.nodeChain(), Pem.certificates(chain));
    }
}
