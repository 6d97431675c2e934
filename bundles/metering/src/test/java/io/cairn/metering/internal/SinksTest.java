package io.cairn.metering.internal;

import com.sun.net.httpserver.HttpServer;
import io.cairn.api.metering.UsageRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SinksTest {
    private static final UsageRecord LATE = Records.record(Records.vm(1), "a", "blue",
            Instant.parse("2026-12-01T23:59:00Z"), 60, 1, 64, 5);
    private static final UsageRecord NEXT_DAY = Records.record(Records.vm(1), "a", "blue",
            Instant.parse("2026-12-02T00:00:00Z"), 60, 1, 64, 6);

    @Test
    void csvFilesArePerDayWithAHeaderOnceAndAppendOnRedelivery(@TempDir Path dir) throws IOException {
        CsvDailySink sink = new CsvDailySink(dir);
        sink.deliver(List.of(LATE, NEXT_DAY));
        sink.deliver(List.of(LATE));
        List<String> first = Files.readAllLines(dir.resolve("usage-2026-12-01.csv"));
        assertEquals(List.of(CsvDailySink.HEADER.strip(), CsvDailySink.line(LATE).strip(),
                CsvDailySink.line(LATE).strip()), first);
        assertTrue(first.get(1).startsWith(LATE.id() + ","), first.get(1));
        assertEquals(2, Files.readAllLines(dir.resolve("usage-2026-12-02.csv")).size());
    }

    @Test
    void httpSinkFailsWhileTheEndpointIsDownOrRefusesAndPostsJsonWithIds() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int port = server.getAddress().getPort();
        HttpJsonSink sink = new HttpJsonSink(URI.create("http://127.0.0.1:" + port + "/usage"), Duration.ofSeconds(5));
        List<String> bodies = new ArrayList<>();
        int[] status = {503};
        server.createContext("/usage", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(status[0], -1);
            exchange.close();
        });
        server.start();
        try {
            assertThrows(IOException.class, () -> sink.deliver(List.of(LATE)), "503 is a failure");
            status[0] = 204;
            sink.deliver(List.of(LATE, NEXT_DAY));
        } finally {
            server.stop(0);
        }
        assertEquals(2, bodies.size());
        assertTrue(bodies.get(1).startsWith("{\"records\":[{\"id\":\"" + LATE.id() + "\""), bodies.get(1));
        assertTrue(bodies.get(1).contains("\"id\":\"" + NEXT_DAY.id() + "\""), bodies.get(1));
        assertThrows(IOException.class, () -> sink.deliver(List.of(LATE)), "nobody listens any more");
    }
}
