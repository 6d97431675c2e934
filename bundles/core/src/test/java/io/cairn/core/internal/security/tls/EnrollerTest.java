package io.cairn.core.internal.security.tls;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.cairn.api.common.ConflictException;
import io.cairn.api.security.CertificateAuthorityService;
import io.cairn.api.security.CertificateRequestException;
import io.cairn.api.security.JoinTokenRejectedException;
import io.cairn.api.security.SignedCertificate;
import io.cairn.core.internal.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A member enrolling over real HTTPS with a seed whose certificate is self-signed, as bin/setenv makes it. */
class EnrollerTest {
    private static final TlsMembers MEMBERS = TlsMembers.parse("n1=127.0.0.1:7800,n2=127.0.0.2:7800");
    @TempDir
    Path tmp;
    private final TestClock clock = new TestClock(Instant.now());
    private CertificateAuthority seed;
    private HttpsServer server;
    private volatile CertificateAuthorityService answering;

    @BeforeEach
    void setUp() throws Exception {
        seed = SeedSetup.run(new TlsDir(tmp.resolve("n1/tls")), "test", "n1", List.of("127.0.0.1"), () -> MEMBERS,
                clock, Duration.ofHours(24));
        answering = seed;
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** The REST endpoint in miniature: bearer token + {"csr"} in, SignedCertificate or an error out. */
    private URI serve(int port) throws Exception {
        ClusterCa https = ClusterCa.create("self-signed https", clock.instant());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("https", https.key(), "pw".toCharArray(), new Certificate[] {https.certificate()});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "pw".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/cairn/v1/cluster/certificates", this::handle);
        server.start();
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/cairn/v1/cluster/certificates");
    }

    private void handle(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status = 200;
        String answer;
        try {
            answer = Json.write(answering.signNodeCertificate(auth.substring("Bearer ".length()),
                    Json.read(body, EnrolmentClient.CsrRequest.class).csr()));
        } catch (JoinTokenRejectedException e) {
            status = 401;
            answer = Json.write(new EnrolmentClient.ErrorBody("unauthorized", e.getMessage()));
        } catch (CertificateRequestException e) {
            status = 400;
            answer = Json.write(new EnrolmentClient.ErrorBody("bad_request", e.getMessage()));
        } catch (ConflictException e) {
            status = 409;
            answer = Json.write(new EnrolmentClient.ErrorBody("conflict", e.getMessage()));
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private String bootstrapToken() throws IOException {
        return Files.readString(tmp.resolve("n1/tls/join.token")).trim();
    }

    @Test
    void aMemberEnrolsStoresItsFilesAndDropsTheToken() throws Exception {
        URI endpoint = serve(0);
        TlsDir n2 = new TlsDir(tmp.resolve("n2/tls"));
        DurableFiles.writeSecret(n2.joinToken(), bootstrapToken() + "\n");
        Enroller enroller = new Enroller(n2, "n2", n2.joinToken(), true, endpoint, clock, () -> { });
        assertTrue(enroller.attemptOnce(1));

        assertEquals(Optional.empty(), NodeCredentials.problem(n2, "n2", clock.instant()));
        assertEquals(DurableFiles.SECRET, Files.getPosixFilePermissions(n2.nodeKey()));
        assertEquals(DurableFiles.PUBLIC, Files.getPosixFilePermissions(n2.nodeChain()));
        assertEquals(Files.readString(tmp.resolve("n1/tls/ca.crt")), Files.readString(n2.caCertificate()));
        assertFalse(Files.exists(n2.joinToken()), "the token is not kept once used");
        TransportTlsFiles files = TransportTlsFiles.of(n2);
        assertEquals(n2.nodeKey(), files.privateKey());
        assertEquals(n2.caCertificate(), files.trustedCa());
    }

    @Test
    void withoutATokenFileItWaits() throws Exception {
        TlsDir n2 = new TlsDir(tmp.resolve("n2/tls"));
        Enroller enroller = new Enroller(n2, "n2", n2.joinToken(), true, URI.create("https://127.0.0.1:1/x"), clock,
                () -> { });
        assertFalse(enroller.attemptOnce(1));
        assertFalse(Files.exists(n2.nodeKey()));
    }

    @Test
    void aRefusedTokenIsReportedWithTheCasReason() throws Exception {
        URI endpoint = serve(0);
        TlsDir n2 = new TlsDir(tmp.resolve("n2/tls"));
        TokenString real = TokenString.parse(bootstrapToken());
        DurableFiles.writeSecret(n2.joinToken(), real.id() + ".0123456789abcdef." + real.fingerprint());
        Enroller enroller = new Enroller(n2, "n2", n2.joinToken(), true, endpoint, clock, () -> { });
        EnrolmentClient.Refused refused = assertThrows(EnrolmentClient.Refused.class, () -> enroller.attemptOnce(1));
        assertEquals(401, refused.status);
        assertTrue(refused.getMessage().contains("wrong secret"), refused.getMessage());
        assertFalse(Files.exists(n2.nodeChain()));
    }

    @Test
    void anAnswerFromAnotherCaThanTheTokenPinsIsNotStored() throws Exception {
        // a rogue server with its own CA that accepts anything: the answer does not carry the pinned CA
        TlsDir rogueDir = new TlsDir(tmp.resolve("rogue/tls"));
        CertificateAuthority rogue = SeedSetup.run(rogueDir, "rogue", "n1", List.of(), () -> MEMBERS, clock,
                Duration.ofHours(24));
        String rogueToken = Files.readString(rogueDir.joinToken()).trim();
        answering = new CertificateAuthorityService() {
            @Override
            public SignedCertificate signNodeCertificate(String token, String csrPem) {
                return rogue.signNodeCertificate(rogueToken, csrPem);
            }

            @Override
            public io.cairn.api.security.JoinToken issueJoinToken(Duration ttl, String reissueFor) {
                throw new UnsupportedOperationException();
            }
        };
        URI endpoint = serve(0);
        TlsDir n2 = new TlsDir(tmp.resolve("n2/tls"));
        DurableFiles.writeSecret(n2.joinToken(), bootstrapToken());
        Enroller enroller = new Enroller(n2, "n2", n2.joinToken(), true, endpoint, clock, () -> { });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> enroller.attemptOnce(1));
        assertTrue(e.getMessage().contains("join token pins"), e.getMessage());
        assertFalse(Files.exists(n2.nodeChain()));
        assertTrue(Files.exists(n2.joinToken()), "the token is kept for the real CA");
    }

    @Test
    void itRetriesUntilTheSeedAnswers() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        TlsDir n2 = new TlsDir(tmp.resolve("n2/tls"));
        DurableFiles.writeSecret(n2.joinToken(), bootstrapToken());
        CountDownLatch enrolled = new CountDownLatch(1);
        Thread thread = new Thread(new Enroller(n2, "n2", n2.joinToken(), true,
                URI.create("https://127.0.0.1:" + port + "/cairn/v1/cluster/certificates"), clock, enrolled::countDown));
        thread.start();
        try {
            Thread.sleep(1500);
            assertEquals(1, enrolled.getCount(), "nothing answers yet");
            serve(port);
            assertTrue(enrolled.await(20, TimeUnit.SECONDS), "enrolled once the seed answers");
            assertEquals(Optional.empty(), NodeCredentials.problem(n2, "n2", clock.instant()));
        } finally {
            thread.interrupt();
            thread.join(5000);
        }
    }
}
