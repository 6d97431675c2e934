package io.cairn.core.internal.security.tls;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterCaTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void theCaIsASelfSignedP256CaValidTenYears() throws Exception {
        ClusterCa ca = ClusterCa.create("prod", NOW);
        X509Certificate c = ca.certificate();
        c.verify(c.getPublicKey());
        assertEquals(c.getSubjectX500Principal(), c.getIssuerX500Principal());
        assertTrue(c.getSubjectX500Principal().getName().contains("CN=Cairn cluster CA prod"));
        assertEquals(0, c.getBasicConstraints(), "a CA with path length 0");
        assertTrue(c.getKeyUsage()[5] && c.getKeyUsage()[6], "keyCertSign and cRLSign");
        assertEquals(256, ((ECPublicKey) c.getPublicKey()).getParams().getOrder().bitLength());
        assertEquals(NOW.plus(Duration.ofDays(3650)), c.getNotAfter().toInstant());
        assertTrue(c.getNotBefore().toInstant().isBefore(NOW));
        assertEquals(64, ca.fingerprint().length());
    }

    @Test
    void aNodeCertificateNamesTheNodeAndItsAddressesForClientAndServerAuth() throws Exception {
        ClusterCa ca = ClusterCa.create("prod", NOW);
        KeyPair node = KeyPairs.generate();
        X509Certificate c = ca.issue("n2", List.of("10.96.0.12", "n2.example", "10.96.0.12"), node.getPublic(), NOW,
                ClusterCa.NODE_VALIDITY);
        c.verify(ca.certificate().getPublicKey());
        assertEquals(ca.certificate().getSubjectX500Principal(), c.getIssuerX500Principal());
        assertEquals("n2", NodeCredentials.commonName(c));
        assertEquals(-1, c.getBasicConstraints(), "not a CA");
        assertEquals(List.of(KeyPurposeId.id_kp_serverAuth.getId(), KeyPurposeId.id_kp_clientAuth.getId()),
                c.getExtendedKeyUsage());
        Set<String> sans = new TreeSet<>();
        c.getSubjectAlternativeNames().forEach(san -> sans.add(san.get(0) + ":" + san.get(1)));
        assertEquals(Set.of("2:n2", "2:n2.example", "7:10.96.0.12"), sans, "DNS n2 and n2.example, IP 10.96.0.12");
        assertEquals(NOW.plus(Duration.ofDays(365)), c.getNotAfter().toInstant());
        assertArrayEquals(node.getPublic().getEncoded(), c.getPublicKey().getEncoded());
    }

    @Test
    void aNodeCertificateNeverOutlivesTheCa() {
        ClusterCa ca = ClusterCa.create("prod", NOW);
        X509Certificate c = ca.issue("n2", List.of(), KeyPairs.generate().getPublic(), NOW.plus(Duration.ofDays(3600)),
                ClusterCa.NODE_VALIDITY);
        assertEquals(ca.certificate().getNotAfter(), c.getNotAfter());
    }

    @Test
    void aCaKeyOfAnotherCertificateIsRefused() {
        ClusterCa one = ClusterCa.create("a", NOW);
        ClusterCa two = ClusterCa.create("b", NOW);
        assertThrows(IllegalArgumentException.class, () -> new ClusterCa(one.certificate(), two.key()));
    }

    @Test
    void theDerivedPublicKeyIsTheKeyPairs() {
        KeyPair pair = KeyPairs.generate();
        assertArrayEquals(pair.getPublic().getEncoded(), KeyPairs.publicKeyOf(pair.getPrivate()).getEncoded());
    }

    @Test
    void pemRoundTripsKeysAndCertificates() {
        ClusterCa ca = ClusterCa.create("prod", NOW);
        String key = Pem.privateKey(ca.key());
        assertTrue(key.startsWith("-----BEGIN PRIVATE KEY-----\n"), "PKCS#8");
        assertArrayEquals(ca.key().getEncoded(), Pem.readPrivateKey(key).getEncoded());
        assertEquals(List.of(ca.certificate()), Pem.readCertificates(Pem.certificates(List.of(ca.certificate()))));
        assertThrows(IllegalArgumentException.class, () -> Pem.readCertificates("no pem here"));
    }
}
