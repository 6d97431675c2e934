package io.cairn.itests.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.itests.Rest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scale of the VM keyspace on a cluster whose nodes use libvirt's test driver: creates VMS specs through the REST
 * APIs of all nodes (placement spreads them), starts RUNNING of them, then times the paginated listing
 * ({@code GET /vms?limit=…&cursor=…}, with and without the node, state and tenant filters) on every node. Run by
 * benchmarks/vm-scale, which adds the nodes' memory, the Raft snapshot and a restart of all nodes.
 *
 * <p>Arguments: comma-separated REST base URLs, password file, VM count, how many to start, clients, page size.
 */
public final class VmScaleBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().sslContext(Rest.insecureContext())
            .sslParameters(Rest.noHostnameCheckParameters()).connectTimeout(Duration.ofSeconds(5)).build();

    private VmScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        String[] bases = args[0].split(",");
        String password = Files.readString(Path.of(args[1])).trim();
        int n = Integer.parseInt(args[2]);
        int running = Integer.parseInt(args[3]);
        int clients = Integer.parseInt(args[4]);
        int pageSize = Integer.parseInt(args[5]);
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));

        // 1. create
        List<Long> createNanos = Collections.synchronizedList(new ArrayList<>());
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String base = bases[c % bases.length];
            Thread t = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < n && failures.isEmpty(); i = next.getAndIncrement()) {
                    String name = String.format("scale-%05d", i);
                    long s = System.nanoTime();
                    Rest.Response r = Rest.post(base + "/vms", "{\"name\":\"" + name + "\",\"tenant\":\"t" + (i % 10)
                            + "\",\"vcpus\":1,\"memoryMiB\":16,\"boot\":{\"kernel\":\"vmlinuz\"}}", "admin", password);
                    createNanos.add(System.nanoTime() - s);
                    if (r.status() != 201) {
                        failures.add(new IllegalStateException("create of " + name + " answered " + r.status() + ": "
                                + r.body()));
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " create(s) failed", failures.peek());
        }
        double createSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("created %d VM specs in %.1f s through %d node(s), %d clients: %.0f VMs/s, p50 %.1f ms, "
                + "p99 %.1f ms%n", n, createSeconds, bases.length, clients, n / createSeconds, pct(createNanos, 50),
                pct(createNanos, 99));

        // 2. start some
        long s0 = System.nanoTime();
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < running; i++) {
            Rest.Response r = Rest.post(bases[i % bases.length] + "/vms/" + String.format("scale-%05d", i) + "/start",
                    "", "admin", password);
            if (r.status() != 202) {
                throw new IllegalStateException("start answered " + r.status() + ": " + r.body());
            }
            tasks.add(r.json().get("id").asText());
        }
        for (String task : tasks) {
            while (true) {
                String state = Rest.get(bases[0] + "/tasks/" + task, "admin", password).json().get("state").asText();
                if (state.equals("succeeded")) {
                    break;
                }
                if (state.equals("failed")) {
                    throw new IllegalStateException("start task failed: " + task);
                }
                Thread.sleep(5);
            }
        }
        System.out.printf("started %d of them: all running %.1f s after the first start request%n", running,
                (System.nanoTime() - s0) / 1e9);
        Thread.sleep(3000); // the owners report the states the state filter reads

        // 3. listings, on every node
        for (String[] q : new String[][]{{"all", ""}, {"node=n2", "&node=n2"}, {"state=running", "&state=running"},
                {"tenant=t3", "&tenant=t3"}}) {
            List<Long> pages = new ArrayList<>();
            int items = 0;
            for (String base : bases) {
                items = walk(base, pageSize, q[1], auth, pages);
            }
            System.out.printf("GET /vms?limit=%d%s, every page on %d node(s): %d items per walk, %d pages, "
                    + "p50 %.1f ms, p99 %.1f ms%n", pageSize, q[1], bases.length, items, pages.size(), pct(pages, 50),
                    pct(pages, 99));
        }
        long w0 = System.nanoTime();
        HttpResponse<String> whole = get(bases[0] + "/vms", auth);
        System.out.printf("GET /vms (no limit: all %d in one answer): %.0f ms, %d KiB%n",
                Rest.JSON.readTree(whole.body()).size(), (System.nanoTime() - w0) / 1e6, whole.body().length() / 1024);
    }

    /** Walks every page of the listing; returns how many items it held. */
    private static int walk(String base, int pageSize, String filter, String auth, List<Long> pages) throws Exception {
        String cursor = null;
        int items = 0;
        do {
            String url = base + "/vms?limit=" + pageSize + filter + (cursor == null ? "" : "&cursor=" + cursor);
            long s = System.nanoTime();
            HttpResponse<String> r = get(url, auth);
            pages.add(System.nanoTime() - s);
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
            }
            JsonNode page = Rest.JSON.readTree(r.body());
            items += page.size();
            cursor = r.headers().firstValue("X-Next-Cursor").orElse(null);
        } while (cursor != null);
        return items;
    }

    private static HttpResponse<String> get(String url, String auth) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double pct(List<Long> nanos, int p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
