package io.cairn.itests.bench;

import io.cairn.itests.Rest;
import org.libvirt.Connect;
import org.libvirt.Domain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * VM create+start through REST on a node whose KVM driver talks to libvirt's in-process test
 * driver (test:///default), against the floor: the same domain creations made directly with
 * libvirt-java in one process. Run by benchmarks/rest-vm-start; prints rates, p50/p99 and ratios.
 *
 * <p>Arguments: REST base URL, password file, VM count, node, concurrent clients (each does create then start
 * of its VMs one after the other).
 */
public final class RestVmStartBench {
    private RestVmStartBench() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String password = Files.readString(Path.of(args[1])).trim();
        int n = Integer.parseInt(args[2]);
        String node = args.length > 3 ? args[3] : "n1";

        int clients = args.length > 4 ? Integer.parseInt(args[4]) : 1;

        List<Long> requestNanos = Collections.synchronizedList(new ArrayList<>());
        List<Long> createNanos = Collections.synchronizedList(new ArrayList<>());
        List<Long> startNanos = Collections.synchronizedList(new ArrayList<>());
        List<String> slow = Collections.synchronizedList(new ArrayList<>());
        // every client opens its connection and authenticates before the clock starts
        java.util.concurrent.CountDownLatch warm = new java.util.concurrent.CountDownLatch(clients);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<Long> runningNanos = new ArrayList<>();
        String[] taskIds = new String[n];
        long[] startedAt = new long[1];
        long[] starts = new long[n];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ConcurrentLinkedQueue<Throwable> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
        String run = Long.toHexString(System.nanoTime() & 0xfffff);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                try {
                    Rest.get(base + "/nodes", "admin", password);
                    warm.countDown();
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = next.getAndIncrement(); i < n && failures.isEmpty(); i = next.getAndIncrement()) {
                    try {
                        String name = "bench-" + run + "-" + i;
                        long s = System.nanoTime();
                        Rest.Response created = Rest.post(base + "/vms", "{\"name\":\"" + name + "\",\"vcpus\":1,"
                                + "\"memoryMiB\":16,\"node\":\"" + node + "\",\"boot\":{\"kernel\":\"vmlinuz\"}}",
                                "admin", password);
                        long between = System.nanoTime();
                        Rest.Response started = Rest.post(base + "/vms/" + name + "/start", "", "admin", password);
                        long end = System.nanoTime();
                        requestNanos.add(end - s);
                        createNanos.add(between - s);
                        startNanos.add(end - between);
                        if (end - s > 100_000_000L) {
                            slow.add(String.format("%s at +%.2f s: create %.0f ms, start %.0f ms", name,
                                    (s - startedAt[0]) / 1e9, (between - s) / 1e6, (end - between) / 1e6));
                        }
                        if (created.status() != 201 || started.status() != 202) {
                            throw new IllegalStateException("create/start of " + name + " answered " + created.status()
                                    + "/" + started.status() + ": " + created.body() + started.body());
                        }
                        taskIds[i] = started.json().get("id").asText();
                        starts[i] = s;
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
            }, "bench-client-" + c);
            threads.add(t);
            t.start();
        }
        warm.await();
        long t0 = System.nanoTime();
        startedAt[0] = t0;
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " client(s) failed", failures.peek());
        }
        double requestSeconds = (System.nanoTime() - t0) / 1e9;
        for (int i = 0; i < n; i++) {
            while (true) {
                String state = Rest.get(base + "/tasks/" + taskIds[i], "admin", password).json().get("state").asText();
                if (state.equals("succeeded")) {
                    break;
                }
                if (state.equals("failed")) {
                    throw new IllegalStateException("start task failed: " + taskIds[i]);
                }
                Thread.sleep(2);
            }
            runningNanos.add(System.nanoTime() - starts[i]);
        }
        double restSeconds = (System.nanoTime() - t0) / 1e9;

        // The floor: the same work straight through libvirt-java, in this process.
        Connect connect = new Connect("test:///default");
        List<Long> floorNanos = new ArrayList<>();
        long f0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            Domain d = connect.domainCreateXML("<domain type='test'><name>floor-" + i + "</name><uuid>" + UUID.randomUUID()
                    + "</uuid><memory unit='MiB'>16</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>", 0);
            d.free();
            floorNanos.add(System.nanoTime() - s);
        }
        double floorSeconds = (System.nanoTime() - f0) / 1e9;
        connect.close();

        System.out.printf("REST create+start (requests):   %d VMs, %d client(s), %.1f VMs/s, p50 %.2f ms, p99 %.2f ms%n",
                n, clients, n / requestSeconds, pct(requestNanos, 50), pct(requestNanos, 99));
        System.out.printf("  of which create p50 %.2f ms p99 %.2f ms, start p50 %.2f ms p99 %.2f ms; %d of %d over 100 ms%s%n",
                pct(createNanos, 50), pct(createNanos, 99), pct(startNanos, 50), pct(startNanos, 99), slow.size(), n,
                slow.isEmpty() ? "" : " (first: " + String.join("; ", slow.subList(0, Math.min(3, slow.size()))) + ")");
        System.out.printf("REST create+start to running:   %.1f VMs/s, p50 %.2f ms, p99 %.2f ms%n", n / restSeconds,
                pct(runningNanos, 50), pct(runningNanos, 99));
        System.out.printf("libvirt-java direct (floor):    %.1f domains/s, p50 %.3f ms, p99 %.3f ms%n", n / floorSeconds,
                pct(floorNanos, 50), pct(floorNanos, 99));
        System.out.printf("ratio REST/floor:               rate 1/%.0f, p50 %.0fx, p99 %.0fx%n",
                (n / floorSeconds) / (n / requestSeconds), pct(requestNanos, 50) / pct(floorNanos, 50),
                pct(requestNanos, 99) / pct(floorNanos, 99));
    }

    private static double pct(List<Long> nanos, int p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
