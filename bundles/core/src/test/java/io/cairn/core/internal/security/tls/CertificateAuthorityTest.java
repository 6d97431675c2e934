package io.cairn.core.internal.security.tls;

import io.cairn.api.common.ConflictException;
import io.cairn.api.security.CertificateRequestException;
import io.cairn.api.security.JoinToken;
import io.cairn.api.security.JoinTokenRejectedException;
import io.cairn.api.security.SignedCertificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The signing policy: tokens (expired, reused, wrong secret, wrong fingerprint), members, keys, requests. */
class CertificateAuthorityTest {
    private static final TlsMembers MEMBERS = TlsMembers.parse("n1=10.96.0.11:7800,n2=10.96.0.12:7800,n3=10.96.0.13:7800");
    private static final TlsMembers GROWN = TlsMembers.parse(
            "n1=10.96.0.11:7800,n2=10.96.0.12:7800,n3=10.96.0.13:7800,n4=10.96.0.14:7800");

    @TempDir
    Path tmp;
    private final TestClock clock = new TestClock(Instant.parse("2026-01-02T03:04:05Z"));
    private volatile TlsMembers members = MEMBERS;
    private TlsDir dir;
    private CertificateAuthority ca;

    @BeforeEach
    void setUp() throws Exception {
        dir = new TlsDir(tmp.resolve("tls"));
        ca = new CertificateAuthority(CaFiles.create(dir, "test", clock.instant()), dir, () -> members, clock,
                Duration.ofHours(24));
    }

    private static String csr(String node, KeyPair pair) {
        return CertificateRequests.create(node, pair);
    }

    @Test
    void aOneTimeTokenSignsOneRequestWithTheConfiguredAddressAndIsThenUsed() throws Exception {
        JoinToken token = ca.issueJoinToken(null, null);
        assertEquals(clock.instant().plus(Duration.ofHours(24)), token.expires());
        KeyPair n2 = KeyPairs.generate();
        SignedCertificate signed = ca.signNodeCertificate(token.token(), csr("n2", n2));
        assertEquals("n2", signed.node());
        List<X509Certificate> chain = Pem.readCertificates(signed.certificateChain());
        assertEquals(2, chain.size());
        assertEquals(ca.ca().certificate(), chain.get(1));
        assertEquals(List.of(ca.ca().certificate()), Pem.readCertificates(signed.caCertificate()));
        chain.get(0).verify(ca.ca().certificate().getPublicKey());
        assertArrayEquals(n2.getPublic().getEncoded(), chain.get(0).getPublicKey().getEncoded());
        assertTrue(chain.get(0).getSubjectAlternativeNames().stream().anyMatch(san -> san.get(1).equals("10.96.0.12")));
        assertEquals(clock.instant().plus(Duration.ofDays(365)), chain.get(0).getNotAfter().toInstant());
        assertEquals(java.util.Optional.empty(),
                NodeCredentials.check(n2.getPrivate(), chain, ca.ca().certificate(), "n2", clock.instant()));

        // the same node and key again (its answer was lost): answered again
        ca.signNodeCertificate(token.token(), csr("n2", n2));
        // anyone else: the token is used
        JoinTokenRejectedException used = assertThrows(JoinTokenRejectedException.class,
                () -> ca.signNodeCertificate(token.token(), csr("n3", KeyPairs.generate())));
        assertTrue(used.getMessage().contains("already used by n2"), used.getMessage());
        assertThrows(JoinTokenRejectedException.class,
                () -> ca.signNodeCertificate(token.token(), csr("n2", KeyPairs.generate())));
    }

    @Test
    void anExpiredTokenIsRefused() {
        JoinToken token = ca.issueJoinToken(Duration.ofHours(1), null);
        clock.advance(Duration.ofHours(1));
        JoinTokenRejectedException e = assertThrows(JoinTokenRejectedException.class,
                () -> ca.signNodeCertificate(token.token(), csr("n2", KeyPairs.generate())));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
    }

    @Test
    void aWrongSecretIsRefused() {
        TokenString token = TokenString.parse(ca.issueJoinToken(null, null).token());
        String wrong = token.id() + "." + "0123456789abcdef" + "." + token.fingerprint();
        JoinTokenRejectedException e = assertThrows(JoinTokenRejectedException.class,
                () -> ca.signNodeCertificate(wrong, csr("n2", KeyPairs.generate())));
        assertTrue(e.getMessage().contains("wrong secret"), e.getMessage());
        // and the right one still works: a wrong guess does not use the token up
        ca.signNodeCertificate(token.toString(), csr("n2", KeyPairs.generate()));
    }

    @Test
    void aTokenPinningAnotherCaIsRefused() {
        TokenString token = TokenString.parse(ca.issueJoinToken(null, null).token());
        String other = token.id() + "." + token.secret() + "." + "ab".repeat(32);
        JoinTokenRejectedException e = assertThrows(JoinTokenRejectedException.class,
                () -> ca.signNodeCertificate(other, csr("n2", KeyPairs.generate())));
        assertTrue(e.getMessage().contains("another cluster"), e.getMessage());
    }

    @Test
    void unknownMalformedAndMissingTokensAreRefused() {
        assertThrows(JoinTokenRejectedException.class,
                () -> ca.signNodeCertificate("abcdef.0123456789abcdef", csr("n2", KeyPairs.generate())));
        assertThrows(JoinTokenRejectedException.class, () -> ca.signNodeCertificate("nonsense", csr("n2", KeyPairs.generate())));
        assertThrows(JoinTokenRejectedException.class, () -> ca.signNodeCertificate(null, csr("n2", KeyPairs.generate())));
    }

    @Test
    void theTokenIsCheckedBeforeTheRequest() {
        assertThrows(JoinTokenRejectedException.class, () -> ca.signNodeCertificate("abcdef.0123456789abcdef", "junk"));
    }

    @Test
    void malformedRequestsAreRefused() throws Exception {
        String token = ca.issueJoinToken(null, null).token();
        assertThrows(CertificateRequestException.class, () -> ca.signNodeCertificate(token, "junk"));
        assertThrows(CertificateRequestException.class, () -> ca.signNodeCertificate(token,
                "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n"));
        // a request whose signature is not by its key: flip a byte of the signature
        byte[] der = Pem.blocks(csr("n2", KeyPairs.generate()), Pem.CERTIFICATE_REQUEST).get(0);
        der[der.length - 3] ^= 0x55;
        CertificateRequestException bad = assertThrows(CertificateRequestException.class,
                () -> ca.signNodeCertificate(token, Pem.encode(Pem.CERTIFICATE_REQUEST, der)));
        assertTrue(bad.getMessage().contains("signature"), bad.getMessage());
        // none of that used the token
        ca.signNodeCertificate(token, csr("n2", KeyPairs.generate()));
    }

    @Test
    void aNameThatIsNotAMemberIsAConflict() {
        String token = ca.issueJoinToken(null, null).token();
        ConflictException e = assertThrows(ConflictException.class,
                () -> ca.signNodeCertificate(token, csr("intruder", KeyPairs.generate())));
        assertTrue(e.getMessage().contains("not a configured member"), e.getMessage());
        ca.signNodeCertificate(token, csr("n3", KeyPairs.generate()));
    }

    @Test
    void aMemberEnrolledWithAnotherKeyIsAConflictUntilAnAdminReissues() {
        ca.signNodeCertificate(ca.issueJoinToken(null, null).token(), csr("n2", KeyPairs.generate()));
        String second = ca.issueJoinToken(null, null).token();
        ConflictException e = assertThrows(ConflictException.class,
                () -> ca.signNodeCertificate(second, csr("n2", KeyPairs.generate())));
        assertTrue(e.getMessage().contains("--reissue n2"), e.getMessage());

        JoinToken reissue = ca.issueJoinToken(null, "n2");
        assertThrows(JoinTokenRejectedException.class,
                () -> ca.signNodeCertificate(reissue.token(), csr("n3", KeyPairs.generate())), "only for n2");
        KeyPair fresh = KeyPairs.generate();
        SignedCertificate signed = ca.signNodeCertificate(reissue.token(), csr("n2", fresh));
        assertArrayEquals(fresh.getPublic().getEncoded(),
                Pem.readCertificates(signed.certificateChain()).get(0).getPublicKey().getEncoded());
        assertThrows(ConflictException.class, () -> ca.issueJoinToken(null, "n9"));
    }

    @Test
    void theBootstrapTokenServesEveryInitialMemberUntilItExpires() {
        String bootstrap = ca.issueBootstrapToken(MEMBERS.names()).token();
        ca.signNodeCertificate(bootstrap, csr("n2", KeyPairs.generate()));
        ca.signNodeCertificate(bootstrap, csr("n3", KeyPairs.generate()));
        assertThrows(ConflictException.class, () -> ca.signNodeCertificate(bootstrap, csr("n3", KeyPairs.generate())),
                "once per member and key");
        members = GROWN;
        JoinTokenRejectedException late = assertThrows(JoinTokenRejectedException.class,
                () -> ca.signNodeCertificate(bootstrap, csr("n4", KeyPairs.generate())));
        assertTrue(late.getMessage().contains("initial members"), late.getMessage());
        ca.signNodeCertificate(ca.issueJoinToken(null, null).token(), csr("n4", KeyPairs.generate()));

        clock.advance(Duration.ofHours(24));
        members = MEMBERS;
        assertThrows(JoinTokenRejectedException.class, () -> ca.signNodeCertificate(bootstrap, csr("n2", KeyPairs.generate())));
    }

    @Test
    void onlyHashesOfSecretsAreStoredAndTheyOutliveARestart() throws Exception {
        TokenString token = TokenString.parse(ca.issueJoinToken(null, null).token());
        String stored = Files.readString(dir.tokens(), StandardCharsets.UTF_8);
        assertFalse(stored.contains(token.secret()), stored);
        assertTrue(stored.contains(Fingerprints.sha256(token.secret())), stored);
        assertEquals(DurableFiles.SECRET, Files.getPosixFilePermissions(dir.tokens()));

        CertificateAuthority restarted = new CertificateAuthority(CaFiles.load(dir), dir, () -> members, clock,
                Duration.ofHours(24));
        KeyPair n2 = KeyPairs.generate();
        restarted.signNodeCertificate(token.toString(), csr("n2", n2));
        CertificateAuthority again = new CertificateAuthority(CaFiles.load(dir), dir, () -> members, clock,
                Duration.ofHours(24));
        assertThrows(JoinTokenRejectedException.class, () -> again.signNodeCertificate(token.toString(),
                csr("n3", KeyPairs.generate())), "used, also after a restart");
        assertThrows(ConflictException.class, () -> again.signNodeCertificate(again.issueJoinToken(null, null).token(),
                csr("n2", KeyPairs.generate())), "enrolled, also after a restart");
    }

    @Test
    void tokensLookLikeKubeadmsAndCarryTheCaFingerprint() {
        String token = ca.issueJoinToken(null, null).token();
        assertTrue(token.matches("[a-z0-9]{6}\\.[a-z0-9]{16}\\.[0-9a-f]{64}"), token);
        assertEquals(ca.ca().fingerprint(), TokenString.parse(token).fingerprint());
        assertNotEquals(token, ca.issueJoinToken(null, null).token());
        // the fingerprint is the SHA-256 of the CA certificate's DER, as openssl x509 -fingerprint -sha256 shows it
        assertEquals(Fingerprints.sha256(Base64.getMimeDecoder().decode(Pem.certificates(List.of(ca.ca().certificate()))
                .replaceAll("-----[A-Z ]+-----", ""))), ca.ca().fingerprint());
    }
}
