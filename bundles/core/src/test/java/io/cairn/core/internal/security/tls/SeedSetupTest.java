package io.cairn.core.internal.security.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seed's first and later starts: CA, own certificate, bootstrap token, file modes. */
class SeedSetupTest {
    private static final TlsMembers MEMBERS = TlsMembers.parse("n1=10.96.0.11:7800,n2=10.96.0.12:7800");
    @TempDir
    Path tmp;
    private final TestClock clock = new TestClock(Instant.parse("2026-01-02T03:04:05Z"));

    private CertificateAuthority start(TlsDir dir) throws Exception {
        return SeedSetup.run(dir, "test", "n1", List.of("10.96.0.11"), () -> MEMBERS, clock, Duration.ofHours(24));
    }

    @Test
    void theFirstStartMakesTheCaTheNodeCertificateAndTheBootstrapTokenWithPrivateModes() throws Exception {
        TlsDir dir = new TlsDir(tmp.resolve("data/cairn/tls"));
        CertificateAuthority authority = start(dir);

        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(dir.dir()));
        for (Path secret : List.of(dir.caKey(), dir.nodeKey(), dir.joinToken(), dir.tokens(), dir.issued())) {
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(secret), secret.toString());
        }
        for (Path pub : List.of(dir.caCertificate(), dir.nodeChain())) {
            assertEquals(PosixFilePermissions.fromString("rw-r--r--"), Files.getPosixFilePermissions(pub), pub.toString());
        }
        assertTrue(Files.readString(dir.caKey()).startsWith("-----BEGIN PRIVATE KEY-----"));
        try (var files = Files.list(dir.dir())) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
        assertEquals(Optional.empty(), NodeCredentials.problem(dir, "n1", clock.instant()));
        List<X509Certificate> chain = Pem.readCertificates(Files.readString(dir.nodeChain()));
        assertEquals("n1", NodeCredentials.commonName(chain.get(0)));
        assertEquals(authority.ca().certificate(), chain.get(1));

        TokenString token = TokenString.parse(Files.readString(dir.joinToken(), StandardCharsets.US_ASCII));
        assertEquals(authority.ca().fingerprint(), token.fingerprint());
        authority.signNodeCertificate(token.toString(), CertificateRequests.create("n2", KeyPairs.generate()));
    }

    @Test
    void aLaterStartKeepsTheCaTheCertificateAndTheToken() throws Exception {
        TlsDir dir = new TlsDir(tmp.resolve("tls"));
        CertificateAuthority first = start(dir);
        String chain = Files.readString(dir.nodeChain());
        String token = Files.readString(dir.joinToken());
        CertificateAuthority second = start(dir);
        assertEquals(first.ca().certificate(), second.ca().certificate());
        assertEquals(chain, Files.readString(dir.nodeChain()));
        assertEquals(token, Files.readString(dir.joinToken()));
    }

    @Test
    void anExpiredOwnCertificateIsRenewedAtStart() throws Exception {
        TlsDir dir = new TlsDir(tmp.resolve("tls"));
        start(dir);
        String chain = Files.readString(dir.nodeChain());
        clock.advance(Duration.ofDays(366));
        start(dir);
        assertFalse(chain.equals(Files.readString(dir.nodeChain())));
        assertEquals(Optional.empty(), NodeCredentials.problem(dir, "n1", clock.instant()));
    }

    @Test
    void membersParseInOrderAndTheFirstIsTheSeed() {
        TlsMembers m = TlsMembers.parse(" n2=10.0.0.2:7800, n1=[::1]:7800,n3=host3 ");
        assertEquals("n2", m.seed());
        assertEquals(List.of("n2", "n1", "n3"), m.names());
        assertEquals(Optional.of("::1"), m.host("n1"));
        assertEquals(Optional.of("host3"), m.host("n3"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> TlsMembers.parse("n1"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TlsMembers.parse("n1=a:1,n1=b:1"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> TlsMembers.parse(""));
    }
}
