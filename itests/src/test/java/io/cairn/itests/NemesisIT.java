package io.cairn.itests;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.itests.linear.Op;
import io.cairn.itests.linear.RegisterChecker;
import io.cairn.itests.linear.Violation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A nemesis run: one client per node writes unique values to and reads a few annotation keys of
 * one VM through that node's REST API, while a nemesis takes one node at a time down in one of
 * three ways (its link, SIGSTOP, SIGKILL and restart; each kind once per round, half of the faults on
 * the current leader), then heals it. Every operation is recorded
 * with its invoke and complete times and the history is checked for linearizability, each key as
 * a register. Part of the default run (5 minutes); the {@code nemesis} profile runs it alone; {@code cairn.nemesis.seconds}
 * sets its length.
 */
class NemesisIT {
    private static final String VM = "nem-reg";
    private static final List<String> KEYS = List.of("k0", "k1", "k2", "k3", "k4");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private LocalCluster cluster;
    private final ConcurrentLinkedQueue<Op> history = new ConcurrentLinkedQueue<>();
    private final AtomicLong ids = new AtomicLong();
    /** Nodes now faulted (their link down, paused or killed): the clients still try them, the monitor does not. */
    private final Set<String> faulted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger notSent = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final Map<String, AtomicInteger> faults = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> faultLog = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Throwable> clientErrors = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;
    private final AtomicLong longestLeaderless = new AtomicLong();
    private final AtomicInteger monitorRounds = new AtomicInteger();
    private long start;

    @Test
    void registersStayLinearizableUnderLinkCutsPausesAndKills() throws Exception {
        long seconds = Long.getLong("cairn.nemesis.seconds", 300);
        cluster = LocalCluster.get();
        cluster.heal();
        List<String> nodes = cluster.nodes();
        prepareVm(nodes);

        start = System.nanoTime();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            int index = i;
            Thread client = new Thread(() -> {
                try {
                    client(index, nodes.get(index));
                } catch (Throwable e) {
                    clientErrors.add(e);
                    e.printStackTrace();
                }
            }, "nemesis-client-" + nodes.get(i));
            clients.add(client);
        }
        Thread monitor = new Thread(() -> monitor(nodes), "nemesis-monitor");
        clients.forEach(Thread::start);
        monitor.start();
        AssertionError failure = null;
        try {
            nemesis(nodes, System.nanoTime() + seconds * 1_000_000_000L);
        } catch (RuntimeException | AssertionError e) {
            failure = new AssertionError("the nemesis failed; the history so far is checked below", e);
        } finally {
            running = false;
            for (Thread client : clients) {
                client.join(30_000);
            }
            monitor.join(10_000);
            heal(nodes);
        }
        try {
            check();
        } finally {
            // the cluster must come back whole too; after the report, so a wedge does not hide it
            cluster.heal();
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Links up, paused nodes resumed, killed ones started: the faults the nemesis may have left if it failed. */
    private void heal(List<String> nodes) {
        for (String node : nodes) {
            Host.exec(List.of("ip", "link", "set", "v" + cluster.netns(node), "up"), Duration.ofSeconds(10), Map.of());
            cluster.script(Duration.ofSeconds(30), "resume-node", node);
            cluster.startNode(node);
        }
        faulted.clear();
    }

    private void check() throws IOException {
        List<Op> ops = new ArrayList<>(history);
        ops.sort(Comparator.comparingLong(Op::invoke));
        Path file = writeHistory(ops);
        long checkStart = System.nanoTime();
        RegisterChecker.Report report = new RegisterChecker(null).check(ops);
        double checkSeconds = (System.nanoTime() - checkStart) / 1e9;
        List<String> nodes = cluster.nodes();
        for (Violation v : report.violations()) {
            StringBuilder line = new StringBuilder("NEMESIS VIOLATION key " + v.key() + " (" + v.reason() + "), "
                    + v.witness().size() + " of its " + v.opsOfKey() + " operations suffice:");
            for (Op op : v.witness()) {
                line.append(String.format("%n  #%d %s via %s: %s %s [%.3f s, %s]", op.id(), op.kind().name().toLowerCase(),
                        nodes.get(op.process() / 1_000_000), op.key(), op.value() == null ? "<absent>" : op.value(),
                        (op.invoke() - start) / 1e9,
                        op.indeterminate() ? "no answer" : String.format("%.3f s", (op.complete() - start) / 1e9)));
            }
            System.out.println(line);
        }
        long reads = ops.stream().filter(op -> op.kind() == Op.Kind.READ).count();
        // the store can report a writable leader and still complete nothing: the longest stretch without any answer
        long[] completions = ops.stream().filter(op -> !op.indeterminate()).mapToLong(Op::complete).sorted().toArray();
        long longestSilence = 0;
        long silenceFrom = start;
        long previous = start;
        for (long at : completions) {
            if (at - previous > longestSilence) {
                longestSilence = at - previous;
                silenceFrom = previous;
            }
            previous = at;
        }
        System.out.println("NEMESIS faults: " + String.join("; ", faultLog));
        System.out.printf("NEMESIS: ops=%d checked=%d (reads=%d writes=%d) indeterminate=%d (never read, so dropped: %d) "
                        + "reads-without-answer=%d writes-not-sent=%d writes-refused=%d faults=%d (link=%d pause=%d kill=%d) "
                        + "longest-leaderless-with-majority=%.1fs (%d monitor rounds) longest-without-a-completed-op=%.1fs "
                        + "(from %.0fs) violations=%d undecided-keys=%d "
                        + "check=%.1fs history=%s%n",
                ops.size(), ops.size(), reads, ops.size() - reads, report.indeterminate(), report.droppedIndeterminate(),
                dropped.get(), notSent.get(), refused.get(), faults.values().stream().mapToInt(AtomicInteger::get).sum(), count("link"),
                count("pause"), count("kill"), longestLeaderless.get() / 1e9, monitorRounds.get(),
                longestSilence / 1e9, (silenceFrom - start) / 1e9,
                report.violations().size(), report.undecidedKeys().size(), checkSeconds, file);
        assertEquals(List.of(), List.copyOf(clientErrors), "clients failed");
        assertTrue(ops.stream().filter(op -> !op.indeterminate()).count() > 100, "too few operations completed");
        assertTrue(report.undecidedKeys().isEmpty(), "the checker gave up on " + report.undecidedKeys());
        assertEquals(List.of(), report.violations(), "linearizability violations");
    }

    private int count(String kind) {
        return faults.getOrDefault(kind, new AtomicInteger()).get();
    }

    /** A fresh VM (a new id: the annotations of an earlier run's VM of this name are not its own). */
    private void prepareVm(List<String> nodes) {
        Api api = new Api(cluster, nodes.get(0));
        int deleted = api.delete("/vms/" + VM).status();
        assertTrue(deleted == 202 || deleted == 404, "delete of an old " + VM + ": " + deleted);
        Rest.Response created = api.post("/vms", Api.vmJson(VM, false, null).replace("\"memoryMiB\":96", "\"memoryMiB\":16"));
        assertEquals(201, created.status(), created.body());
        for (String node : nodes) {
            Api each = new Api(cluster, node);
            LocalCluster.await(node + " to see " + VM, Duration.ofSeconds(30),
                    () -> each.get("/vms/" + VM + "/annotations").status() == 200);
        }
    }

    // ---------------------------------------------------------------- clients

    private void client(int index, String node) {
        HttpClient http = HttpClient.newBuilder().sslContext(Rest.insecureContext()).sslParameters(Rest.noHostnameCheckParameters())
                .connectTimeout(Duration.ofSeconds(2)).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + cluster.password())
                .getBytes(StandardCharsets.UTF_8));
        String base = cluster.restBase(node) + "/vms/" + VM + "/annotations/";
        Random random = new Random(index * 7919L + System.nanoTime());
        int process = index * 1_000_000;
        int seq = 0;
        while (running) {
            String key = KEYS.get(random.nextInt(KEYS.size()));
            long id = ids.incrementAndGet();
            if (random.nextBoolean()) {
                String value = node + "-" + (seq++);
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + key)).timeout(REQUEST_TIMEOUT)
                        .header("Authorization", auth).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"value\":\"" + value + "\"}")).build();
                long invoke = System.nanoTime();
                Outcome outcome = send(http, request);
                long complete = System.nanoTime();
                if (outcome.status() == 200) {
                    history.add(Op.write(id, process, key, value, invoke, complete));
                } else if (outcome.notSent()) {
                    notSent.incrementAndGet();
                } else if (outcome.status() >= 500 || outcome.status() < 0) {
                    // may or may not have committed; this process waits for no answer, a new one goes on
                    history.add(Op.write(id, process, key, value, invoke, Op.INDETERMINATE));
                    process++;
                } else if (outcome.status() == 401 || outcome.status() == 404) {
                    // refused before the store was asked: a restarting node without the credential or its
                    // REST servlet yet, or (a stale node) no such VM; nothing was written
                    refused.incrementAndGet();
                } else {
                    throw new AssertionError("write " + key + "=" + value + " on " + node + " answered "
                            + outcome.status() + ": " + outcome.body());
                }
            } else {
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + key)).timeout(REQUEST_TIMEOUT)
                        .header("Authorization", auth).GET().build();
                long invoke = System.nanoTime();
                Outcome outcome = send(http, request);
                long complete = System.nanoTime();
                if (outcome.status() == 200) {
                    history.add(Op.read(id, process, key, json(outcome.body()).get("value").asText(), invoke, complete));
                } else if (outcome.status() == 404 && absent(outcome.body())) {
                    // no such annotation (or, on a stale node, no such VM): the register is absent either way
                    history.add(Op.read(id, process, key, null, invoke, complete));
                } else if (outcome.status() >= 500 || outcome.status() < 0 || outcome.status() == 401
                        || outcome.status() == 404) {
                    dropped.incrementAndGet();
                } else {
                    throw new AssertionError("read " + key + " on " + node + " answered " + outcome.status() + ": "
                            + outcome.body());
                }
            }
            sleep(random.nextInt(20));
        }
    }

    /** A 404 of the API itself saying the annotation (or its VM) does not exist, not one of a servlet still starting. */
    private static boolean absent(String body) {
        try {
            JsonNode error = Rest.JSON.readTree(body);
            String message = error.path("message").asText();
            return "not_found".equals(error.path("error").asText())
                    && (message.contains("has no annotation") || message.contains("no VM named"));
        } catch (IOException e) {
            return false;
        }
    }

    /** status -1: no answer (timed out or the connection broke after the request may have been sent). */
    private record Outcome(int status, String body, boolean notSent) {
    }

    private static Outcome send(HttpClient http, HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Outcome(response.statusCode(), response.body(), false);
        } catch (HttpConnectTimeoutException | ConnectException e) {
            return new Outcome(-1, e.toString(), true); // never connected: the request was not sent
        } catch (IOException e) {
            return new Outcome(-1, e.toString(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(-1, e.toString(), false);
        }
    }

    private static JsonNode json(String body) {
        try {
            return Rest.JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    // ---------------------------------------------------------------- nemesis

    private void nemesis(List<String> nodes, long end) {
        Random random = new Random();
        List<String> kinds = new ArrayList<>();
        sleep(5_000);
        while (System.nanoTime() < end) {
            if (kinds.isEmpty()) {
                // every kind once per round, in a random order
                kinds.addAll(List.of("link", "pause", "kill"));
                java.util.Collections.shuffle(kinds, random);
            }
            String kind = kinds.remove(0);
            // half the faults hit the leader: that is where stale reads and lost writes hide
            String leader = random.nextBoolean() ? currentLeader(nodes) : null;
            String node = leader != null ? leader : nodes.get(random.nextInt(nodes.size()));
            long hold = 5_000 + random.nextInt(10_001);
            long at = System.nanoTime();
            faulted.add(node);
            faults.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
            try {
                switch (kind) {
                    case "link" -> {
                        Host.run(List.of("ip", "link", "set", "v" + cluster.netns(node), "down"), Duration.ofSeconds(10), Map.of());
                        sleep(hold);
                        Host.run(List.of("ip", "link", "set", "v" + cluster.netns(node), "up"), Duration.ofSeconds(10), Map.of());
                    }
                    case "pause" -> {
                        cluster.script(Duration.ofSeconds(30), "pause-node", node);
                        sleep(hold);
                        cluster.script(Duration.ofSeconds(30), "resume-node", node);
                    }
                    default -> {
                        cluster.killNode(node);
                        sleep(hold);
                        cluster.startNode(node);
                    }
                }
            } finally {
                faulted.remove(node);
            }
            faultLog.add(String.format("%.0fs %s %s%s %.1fs (healed after %.1fs)", (at - start) / 1e9, kind, node,
                    node.equals(leader) ? " (leader)" : "", hold / 1e3, (System.nanoTime() - at) / 1e9));
            sleep(5_000 + random.nextInt(5_001));
        }
    }

    /** The leader that a writable node names, or null. */
    private String currentLeader(List<String> nodes) {
        for (String node : nodes) {
            try {
                Rest.Response state = Rest.get(cluster.restBase(node) + "/cluster/state", "admin", cluster.password());
                if (state.status() == 200 && state.json().path("writable").asBoolean()
                        && nodes.contains(state.json().path("leader").asText())) {
                    return state.json().path("leader").asText();
                }
            } catch (RuntimeException e) {
                // not answering now: ask the next node
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- leader monitor

    /**
     * Every ~0.5 s asks the nodes not faulted for /cluster/state: a round "has a leader" when one
     * of them is writable and names a leader. Measures the longest stretch without one while a
     * majority of nodes is not faulted.
     */
    private void monitor(List<String> nodes) {
        HttpClient http = HttpClient.newBuilder().sslContext(Rest.insecureContext()).sslParameters(Rest.noHostnameCheckParameters())
                .connectTimeout(Duration.ofSeconds(1)).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + cluster.password())
                .getBytes(StandardCharsets.UTF_8));
        long lastLeader = System.nanoTime();
        while (running) {
            long round = System.nanoTime();
            List<String> connected = nodes.stream().filter(n -> !faulted.contains(n)).toList();
            boolean majority = connected.size() > nodes.size() / 2;
            boolean leader = false;
            for (String node : connected) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(cluster.restBase(node) + "/cluster/state"))
                        .timeout(Duration.ofMillis(1500)).header("Authorization", auth).GET().build();
                Outcome outcome = send(http, request);
                if (outcome.status() == 200) {
                    JsonNode state = json(outcome.body());
                    if (state.path("writable").asBoolean() && !state.path("leader").isNull()
                            && !state.path("leader").asText().isEmpty()) {
                        leader = true;
                        break;
                    }
                }
            }
            monitorRounds.incrementAndGet();
            long now = System.nanoTime();
            if (leader || !majority) {
                lastLeader = now;
            } else {
                longestLeaderless.accumulateAndGet(now - lastLeader, Math::max);
            }
            sleep(Math.max(0, 500 - (now - round) / 1_000_000));
        }
    }

    // ---------------------------------------------------------------- output

    private Path writeHistory(List<Op> ops) throws IOException {
        Path dir = Path.of(System.getProperty("cairn.repo", "..")).toAbsolutePath().normalize().resolve("itests/target");
        Files.createDirectories(dir);
        Path file = dir.resolve("nemesis-history.txt");
        List<String> lines = new ArrayList<>();
        lines.add("# id process key kind value invoke-ms complete-ms (relative to the start; ? = indeterminate); "
                + "the client's node is " + cluster.nodes() + "[process / 1000000]; a client whose write got no answer "
                + "goes on as the next process");
        for (Op op : ops) {
            lines.add(op.id() + " " + op.process() + " " + op.key() + " " + op.kind() + " "
                    + (op.value() == null ? "<absent>" : op.value()) + " " + String.format("%.3f", (op.invoke() - start) / 1e6)
                    + " " + (op.indeterminate() ? "?" : String.format("%.3f", (op.complete() - start) / 1e6)));
        }
        lines.add("# faults: " + String.join("; ", faultLog));
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
