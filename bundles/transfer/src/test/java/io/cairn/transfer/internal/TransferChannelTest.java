package io.cairn.transfer.internal;

import io.cairn.api.transfer.TransferRefusedException;
import io.cairn.api.transfer.TransferSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two endpoints of the channel in one JVM on loopback, with certificates of a test cluster CA. */
class TransferChannelTest {
    private static final int MIB = 1 << 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** Small marks, so that what backpressure bounds is far below what the sources write. */
    private final TransferSettings settings = new TransferSettings(0, 256 << 10, 512 << 10, 64 << 10);
    private final Map<String, TransferSource> sources = new ConcurrentHashMap<>();
    private final AtomicLong written = new AtomicLong();
    @TempDir
    Path dir;
    private TestPki pki;
    private TransferServer server;
    private TransferClient client;

    @BeforeEach
    void start() throws Exception {
        pki = new TestPki(dir.resolve("ca"), "cairn test cluster CA");
        server = new TransferServer(pki.node("n2"), "n2", new InetSocketAddress("127.0.0.1", 0), sources::get, settings);
        client = new TransferClient(pki.node("n1"), settings);
        sources.put("random", source("random", (resource, out) -> {
            String[] p = resource.split(":");
            random(Long.parseLong(p[0]), Long.parseLong(p[1]), out);
        }));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private interface Writer {
        void write(String resource, OutputStream out) throws IOException;
    }

    private TransferSource source(String channel, Writer writer) {
        return new TransferSource() {
            @Override
            public String channel() {
                return channel;
            }

            @Override
            public void write(String resource, String peer, OutputStream out) throws IOException {
                assertEquals("n1", peer, "the peer is the CN of the client's certificate");
                writer.write(resource, out);
            }
        };
    }

    /** {@code bytes} pseudo-random bytes of {@code seed}, counted in {@link #written} as the source writes them. */
    private void random(long seed, long bytes, OutputStream out) throws IOException {
        Random random = new Random(seed);
        byte[] block = new byte[32 << 10];
        for (long left = bytes; left > 0; left -= block.length) {
            random.nextBytes(block);
            int n = (int) Math.min(block.length, left);
            out.write(block, 0, n);
            written.addAndGet(n);
        }
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[100_000]; // not a multiple of the chunk size
        for (int n; (n = in.read(buffer)) >= 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String expected(long seed, long bytes) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        Random random = new Random(seed);
        byte[] block = new byte[32 << 10];
        for (long left = bytes; left > 0; left -= block.length) {
            random.nextBytes(block);
            digest.update(block, 0, (int) Math.min(block.length, left));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private InputStream open(TransferClient c, String node, String channel, String resource) {
        return c.open(node, server.address(), channel, resource, TIMEOUT);
    }

    @Test
    void a64MiBStreamArrivesByteIdentical() throws Exception {
        long started = System.nanoTime();
        String got;
        try (InputStream in = open(client, "n2", "random", "42:" + 64L * MIB)) {
            got = sha256(in);
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("BENCH transfer channel (TLS, loopback, one JVM): 64 MiB in %d ms (%.1f MiB/s)%n", ms,
                64_000.0 / Math.max(1, ms));
        assertEquals(expected(42, 64L * MIB), got);
        assertTrue(server.peakScheduled.get() <= settings.highWater() + settings.chunk() + 4096,
                "the sender never had more than the high-water mark and one frame scheduled: " + server.peakScheduled.get());
    }

    @Test
    void aSlowReaderHoldsTheSenderBackAtTheHighWaterMark() throws Exception {
        long total = 64L * MIB;
        try (InputStream in = open(client, "n2", "random", "7:" + total)) {
            Thread.sleep(1500); // the reader reads nothing: the source must stop long before its 64 MiB
            long stalled = written.get();
            Thread.sleep(500);
            assertEquals(stalled, written.get(), "the source waits while nothing is read");
            // what is in flight: the receiver's buffer, the sender's high-water mark, the kernel's socket buffers
            assertTrue(stalled < 16L * MIB, "the source wrote " + stalled + " bytes of " + total + " with no reader");
            assertTrue(((ReceiverStream) in).peakBuffered() <= settings.receiveBuffer() + 2 * MIB,
                    "the receiver buffered " + ((ReceiverStream) in).peakBuffered());
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[256 << 10];
            int reads = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
                if (++reads % 16 == 0) {
                    Thread.sleep(5); // and then a slow reader
                }
            }
            assertEquals(expected(7, total), HexFormat.of().formatHex(digest.digest()));
        }
        assertTrue(server.peakScheduled.get() <= settings.highWater() + settings.chunk() + 4096,
                "scheduled bytes peaked at " + server.peakScheduled.get() + ", above the high-water mark "
                        + settings.highWater() + " and one frame");
    }

    @Test
    void aClientWithoutAClusterCertificateIsRefused() throws Exception {
        TransferClient anonymous = new TransferClient(pki.withoutCertificate(), settings);
        TestPki other = new TestPki(dir.resolve("other"), "another CA");
        TransferClient foreign = new TransferClient(other.nodeTrusting("n1", pki), settings);
        try {
            for (TransferClient c : new TransferClient[]{anonymous, foreign}) {
                RuntimeException e = assertThrows(RuntimeException.class, () -> open(c, "n2", "random", "1:1000"));
                assertTrue(e instanceof UncheckedIOException, e.toString());
                assertTrue(e.getMessage().contains("n2"), e.getMessage());
            }
            assertEquals(0, written.get(), "the source was never asked");
        } finally {
            anonymous.close();
            foreign.close();
        }
    }

    @Test
    void aServerWhoseCertificateNamesAnotherNodeIsRefused() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> open(client, "n3", "random", "1:1000"));
        assertTrue(e.getMessage().contains("presented the certificate of node n2, not of n3"), e.getMessage());
        assertEquals(0, written.get(), "nothing was asked of a server that is not the node meant");
    }

    @Test
    void aSourcesRefusalArrivesWithItsMessageAndAFailureMidwayBreaksTheStream() throws Exception {
        sources.put("image", source("image", (resource, out) -> {
            throw new TransferRefusedException("node n2 does not own pool " + resource);
        }));
        TransferRefusedException e = assertThrows(TransferRefusedException.class,
                () -> open(client, "n2", "image", "tank2/deb"));
        assertEquals("node n2 does not own pool tank2/deb", e.getMessage());

        e = assertThrows(TransferRefusedException.class, () -> open(client, "n2", "console", "x"));
        assertTrue(e.getMessage().contains("serves no transfer channel 'console'"), e.getMessage());

        sources.put("half", source("half", (resource, out) -> {
            random(3, 2L * MIB, out);
            throw new IllegalStateException("zfs send died");
        }));
        try (InputStream in = open(client, "n2", "half", "x")) {
            IOException broken = assertThrows(IOException.class, () -> sha256(in));
            assertTrue(broken.getMessage().contains("zfs send died"), broken.getMessage());
        }
    }

    @Test
    void closingTheStreamEarlyStopsTheSource() throws Exception {
        try (InputStream in = open(client, "n2", "random", "9:" + 1024L * MIB)) {
            in.readNBytes(MIB);
        }
        Thread.sleep(1000);
        long after = written.get();
        Thread.sleep(500);
        assertEquals(after, written.get(), "the source stopped once the reader closed");
        assertTrue(after < 64L * MIB, "the source wrote " + after);
    }
}
