package io.cairn.itests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Foundation 3: the Raft store keeps what it acknowledged; leases and the watchdog fence a lost owner. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StateIT {
    private static LocalCluster cluster;

    @BeforeAll
    static void boot() {
        cluster = LocalCluster.get();
        cluster.heal();
    }

    @org.junit.jupiter.api.AfterEach
    void healAfterwards() {
        cluster.heal();
    }

    /**
     * Calls until the answer is not a 503 (an election under load means "not now"), for up to 30 s. When a 503 said
     * the outcome was unknown and the retry then gets {@code doneStatus} (409 for a create, 404 for a delete), the
     * first try had committed: that counts as its success (201 or 202).
     */
    private static Rest.Response retryingUnavailable(java.util.function.Supplier<Rest.Response> call, int doneStatus,
                                                     int[] unavailable) {
        Rest.Response r = call.get();
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        boolean unknown = false;
        while (r.status() == 503 && System.nanoTime() < until) {
            unavailable[0]++;
            unknown |= r.body().contains("outcome unknown");
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            r = call.get();
        }
        if (unknown && r.status() == doneStatus) {
            return new Rest.Response(doneStatus == 409 ? 201 : 202, r.body());
        }
        return r;
    }

    @Test
    @Order(1)
    void twoHundredVmsSurviveAFullPowerLossWithNoneDuplicatedOrResurrected() {
        List<String> nodes = cluster.nodes();
        Set<String> expected = new HashSet<>();
        int[] unavailable = {0};
        for (int i = 0; i < 200; i++) {
            String name = "st-" + i;
            Api api = new Api(cluster, nodes.get(i % nodes.size()));
            String spec = Api.vmJson(name, false, null).replace("\"memoryMiB\":96", "\"memoryMiB\":16");
            Rest.Response r = retryingUnavailable(() -> api.post("/vms", spec), 409, unavailable);
            assertEquals(201, r.status(), r.body());
            expected.add(name);
        }
        Api first = new Api(cluster, nodes.get(0));
        for (int i = 0; i < 200; i += 20) {
            String name = "st-" + i;
            Rest.Response r = retryingUnavailable(() -> first.delete("/vms/" + name), 404, unavailable);
            assertEquals(202, r.status(), r.body());
            expected.remove(name);
        }
        System.out.println("BENCH 200 creates and 10 deletes: " + unavailable[0] + " answered 503 (retried)");
        // the member that is furthest behind restarts first
        List<String> order = new ArrayList<>(nodes);
        Map<String, Long> applied = new java.util.HashMap<>();
        for (String node : nodes) {
            applied.put(node, new Api(cluster, node).get("/cluster/state").json().get("appliedIndex").asLong());
        }
        order.sort(Comparator.comparing(applied::get));
        long start = System.nanoTime();
        for (String node : nodes) {
            cluster.killNode(node);
        }
        for (String node : order) {
            cluster.startNode(node);
        }
        Api api = new Api(cluster, order.get(0));
        LocalCluster.await("the store to serve reads after the power loss", Duration.ofSeconds(60),
                () -> api.get("/vms").status() == 200);
        System.out.printf("BENCH full power loss: %d nodes restarted (behind first), reads served %.1f s after the kill%n",
                nodes.size(), (System.nanoTime() - start) / 1e9);
        for (String node : nodes) {
            List<String> names = new Api(cluster, node).vmNames().stream().filter(n -> n.startsWith("st-")).toList();
            assertEquals(names.size(), new HashSet<>(names).size(), "duplicates on " + node);
            assertEquals(expected, new HashSet<>(names), "VMs seen by " + node);
        }
        for (String name : expected) {
            first.delete("/vms/" + name);
        }
    }

    @Test
    @Order(2)
    void aCutOffNodeRefusesWritesFastAndCatchesUpWithoutResurrections() {
        List<String> nodes = cluster.nodes();
        String cut = nodes.get(2);
        Api majority = new Api(cluster, nodes.get(0));
        Set<String> refused = new HashSet<>();
        assertEquals(201, majority.post("/vms", Api.vmJson("st-doomed", false, null)).status());
        LocalCluster.await(cut + " to see st-doomed", Duration.ofSeconds(20),
                () -> new Api(cluster, cut).get("/vms/st-doomed").status() == 200);

        Host.run(List.of("ip", "link", "set", hostVeth(cut), "down"), Duration.ofSeconds(10), Map.of());
        try {
            // give failure detection its time, then every write on the cut-off node must fail fast
            // Until the cut is detected a write is sent and may time out as "outcome unknown" (it may still commit
            // when the link is back: that is what the answer says); once detected, writes are refused before they
            // are sent, and those must never land. Each try has its own name, so the check below knows which is which.
            int[] tries = {0};
            LocalCluster.await(cut + " to refuse writes", Duration.ofSeconds(30), () -> {
                String name = "st-minority-" + tries[0]++;
                String[] answer = curlInsideTimed(cut, "POST", "/vms", Api.vmJson(name, false, null));
                if (answer[0].equals("503") && !answer[2].contains("outcome unknown")) {
                    refused.add(name);
                    return true;
                }
                return false;
            });
            String[] timed = curlInsideTimed(cut, "POST", "/vms", Api.vmJson("st-minority", false, null));
            refused.add("st-minority");
            assertEquals("503", timed[0], "write on the cut-off node: " + timed[2]);
            assertTrue(Double.parseDouble(timed[1]) < 1.0, "503 took " + timed[1] + " s");
            assertTrue(timed[2].contains("majority") || timed[2].contains("leader"), timed[2]);

            assertEquals(201, majority.post("/vms", Api.vmJson("st-majority", false, null)).status());
            assertEquals(202, majority.delete("/vms/st-doomed").status());
        } finally {
            Host.run(List.of("ip", "link", "set", hostVeth(cut), "up"), Duration.ofSeconds(10), Map.of());
        }
        Api healed = new Api(cluster, cut);
        LocalCluster.await(cut + " to catch up", Duration.ofSeconds(60),
                () -> healed.get("/vms/st-majority").status() == 200 && healed.get("/vms/st-doomed").status() == 404);
        for (String name : refused) {
            assertEquals(404, healed.get("/vms/" + name).status(), name + " was refused on the cut-off node, yet it landed");
            assertEquals(404, majority.get("/vms/" + name).status(), name + " was refused on the cut-off node, yet it landed");
        }
        for (String name : majority.vmNames()) {
            if (name.startsWith("st-minority-") && !refused.contains(name)) {
                System.out.println("BENCH cut-off write " + name + " answered 'outcome unknown' and landed after the heal");
                majority.delete("/vms/" + name);
            }
        }
        majority.delete("/vms/st-majority");
    }

    // Last on purpose: after a long pause the resumed member's jgroups-raft log has been seen to
    // wedge ("cannot delete entries <= N as commit_index is higher"), an open problem; checks that
    // kill a node must not run after it.
    @Test
    @Order(10)
    void aPausedOwnerIsFencedByItsWatchdogAndItsStaleEpochIsRefused() throws IOException {
        Api api = new Api(cluster, cluster.nodes().get(0));
        Rest.Response created = api.post("/vms", Api.vmJson("st-ha", true, null));
        assertEquals(201, created.status(), created.body());
        api.awaitTask(api.post("/vms/st-ha/start", "").json().get("id").asText(), Duration.ofSeconds(150));
        String owner = api.get("/vms/st-ha").json().get("owner").get("node").asText();
        long epoch = api.get("/vms/st-ha").json().get("owner").get("epoch").asLong();
        List<Api> survivors = cluster.nodes().stream().filter(n -> !n.equals(owner)).map(n -> new Api(cluster, n)).toList();

        AtomicInteger worst = new AtomicInteger();
        AtomicInteger samples = new AtomicInteger();
        AtomicInteger failedSamples = new AtomicInteger();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    worst.accumulateAndGet(Virsh.nodesRunning(cluster, "cairn-st-ha").size(), Math::max);
                    samples.incrementAndGet();
                } catch (AssertionError | RuntimeException e) {
                    failedSamples.incrementAndGet(); // a libvirtd busy for a moment; counted below
                }
            }
        });
        sampler.start();
        long paused = System.nanoTime();
        try {
            cluster.script(Duration.ofSeconds(30), "pause-node", owner);
            Duration fenced = LocalCluster.await("the watchdog of " + owner + " to kill the QEMU", Duration.ofSeconds(30),
                    () -> !Virsh.running(cluster, owner).contains("cairn-st-ha"));
            System.out.printf("BENCH fencing: QEMU on the paused owner killed %.1f s after the pause%n", fenced.toMillis() / 1e3);
            LocalCluster.await("st-ha to run on a survivor", Duration.ofSeconds(90), () -> {
                JsonNode vm = anyAnswer(survivors, "/vms/st-ha");
                return vm != null && !vm.get("owner").get("node").asText().equals(owner)
                        && "running".equals(vm.get("status").get("state").asText());
            });
            System.out.printf("BENCH failover: st-ha running on a survivor %.1f s after its owner was paused%n",
                    (System.nanoTime() - paused) / 1e9);
            JsonNode moved = anyAnswer(survivors, "/vms/st-ha").get("owner");
            assertTrue(moved.get("epoch").asLong() > epoch, "epoch did not grow: " + moved);
            String survivor = moved.get("node").asText();

            cluster.script(Duration.ofSeconds(30), "resume-node", owner);
            Thread.sleep(20_000);
            assertFalse(Virsh.running(cluster, owner).contains("cairn-st-ha"), owner + " started st-ha again");
            // the resumed member can stall Raft for a while, and then the survivors fence too;
            // the VM must come back on exactly one node (under a newer epoch if it moves again)
            LocalCluster.await("st-ha to run on one node", Duration.ofSeconds(90),
                    () -> Virsh.nodesRunning(cluster, "cairn-st-ha").size() == 1);
            System.out.printf("BENCH st-ha after the old owner resumed: running on %s (moved first to %s)%n",
                    Virsh.nodesRunning(cluster, "cairn-st-ha"), survivor);
            String log = Files.readString(cluster.karafHome(owner).resolve("data/log/karaf.log"));
            assertTrue(log.contains("lost its lease"), "the resumed owner did not notice it lost its lease");
            assertFalse(log.contains("cannot delete entries"), "the resumed owner's Raft log wedged");

            // the resumed member's Raft log must be whole again: with the third node down, writes need its vote
            String runner = Virsh.nodesRunning(cluster, "cairn-st-ha").get(0);
            String third = cluster.nodes().stream().filter(n -> !n.equals(owner) && !n.equals(runner)).findFirst()
                    .orElseThrow();
            cluster.killNode(third);
            try {
                Api viaRunner = new Api(cluster, runner);
                Duration took = LocalCluster.await("a write acknowledged by " + runner + " and the resumed " + owner,
                        Duration.ofSeconds(30), () -> {
                            int status = viaRunner.post("/vms", Api.vmJson("st-after-pause", false, null)).status();
                            return status == 201 || status == 409;
                        });
                System.out.printf("BENCH write with the resumed member as the majority's second vote: %.1f s%n",
                        took.toMillis() / 1e3);
                Api viaOwner = new Api(cluster, owner);
                LocalCluster.await("the resumed " + owner + " to see the write", Duration.ofSeconds(10),
                        () -> viaOwner.get("/vms/st-after-pause").status() == 200);
                viaRunner.delete("/vms/st-after-pause");
            } finally {
                cluster.startNode(third);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sampler.interrupt();
            cluster.script(Duration.ofSeconds(30), "resume-node", owner);
        }
        assertTrue(samples.get() >= 20 && samples.get() > failedSamples.get(),
                "too few good samples of the three libvirtds: " + samples + " good, " + failedSamples + " failed");
        assertTrue(worst.get() <= 1, "st-ha ran on " + worst.get() + " nodes at once");
        // clean up through any node that can write (the resumed one may still be catching up)
        LocalCluster.await("st-ha to be deleted", Duration.ofSeconds(60), () -> cluster.nodes().stream()
                .anyMatch(n -> {
                    int status = new Api(cluster, n).delete("/vms/st-ha").status();
                    return status == 202 || status == 404;
                }));
    }

    @Test
    @Order(3)
    void aPeerWithoutAClusterCertificateCannotTalkToTheRaftStore() throws Exception {
        String target = cluster.nodes().get(0);
        Path tls = cluster.karafHome(cluster.nodes().get(1)).resolve("data/cairn/tls");
        // a real member's certificate from the cluster CA: the Raft port answers (gRPC's HTTP/2 settings)
        String member = RaftTransportTls.talk(cluster.address(target), 7800, tls.resolve("node.key"),
                tls.resolve("node.crt"));
        assertTrue(member.startsWith("http2 settings"), "a cluster member could not talk to the Raft port: " + member);
        // no client certificate at all
        String none = RaftTransportTls.talk(cluster.address(target), 7800, null, null);
        assertTrue(none.startsWith("refused") || none.startsWith("closed"), "a client without a certificate got: " + none);
        // a certificate of another CA (self-signed by an outsider)
        Path outsider = Files.createTempDirectory("outsider");
        Host.run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", outsider.resolve("key.pem").toString(), "-out", outsider.resolve("crt.pem").toString(),
                "-days", "1", "-subj", "/CN=" + cluster.nodes().get(2)), Duration.ofSeconds(30), Map.of());
        String foreign = RaftTransportTls.talk(cluster.address(target), 7800, outsider.resolve("key.pem"),
                outsider.resolve("crt.pem"));
        assertTrue(foreign.startsWith("refused") || foreign.startsWith("closed"),
                "a client with another CA's certificate got: " + foreign);
        System.out.printf("BENCH Raft transport TLS on %s: member certificate -> %s; none -> %s; outsider's CA -> %s%n",
                target, member, none, foreign);
    }

    @Test
    @Order(7)
    void aPausedOldLeaderNeverAnswersAStaleRead() throws Exception {
        Api any = new Api(cluster, cluster.nodes().get(0));
        String leader = any.get("/cluster/state").json().path("leader").asText();
        Api other = new Api(cluster, cluster.nodes().stream().filter(n -> !n.equals(leader)).findFirst().orElseThrow());
        Api old = new Api(cluster, leader);
        int stale = 0;
        int answered = 0;
        for (int round = 0; round < 3; round++) {
            String name = "st-stale-" + round;
            cluster.script(Duration.ofSeconds(30), "pause-node", leader);
            try {
                Thread.sleep(10_000);
                Rest.Response created = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (System.nanoTime() < deadline) {
                    created = other.post("/vms", Api.vmJson(name, false, null));
                    if (created.status() == 201 || created.status() == 409) {
                        break;
                    }
                    Thread.sleep(500);
                }
                assertTrue(created != null && (created.status() == 201 || created.status() == 409),
                        "the majority could not write while the leader was paused: " + created);
            } finally {
                cluster.script(Duration.ofSeconds(30), "resume-node", leader);
            }
            // every read on the old leader after the acknowledged write must see it, or refuse
            for (int i = 0; i < 20; i++) {
                Rest.Response read = old.get("/vms/" + name);
                if (read.status() == 200) {
                    answered++;
                } else if (read.status() == 404) {
                    stale++;
                }
                Thread.sleep(100);
            }
            other.delete("/vms/" + name);
        }
        System.out.printf("BENCH paused old leader %s: %d reads answered with the acknowledged VM, %d stale (404)%n",
                leader, answered, stale);
        assertEquals(0, stale, "the resumed old leader answered reads older than an acknowledged write");
    }

    @Test
    @Order(4)
    void aNodeWithATornLogTailRecoversFromTheMajority() throws IOException {
        String victim = cluster.nodes().get(1);
        Api api = new Api(cluster, cluster.nodes().get(0));
        assertEquals(201, api.post("/vms", Api.vmJson("st-before", false, null)).status());
        cluster.killNode(victim);
        Path logDir = cluster.karafHome(victim).resolve("data/cairn/raft/ratis");
        Path newest;
        try (Stream<Path> files = Files.walk(logDir)) { // Ratis log segments: <group>/current/log_*
            newest = files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().startsWith("log_"))
                    .max(Comparator.comparingLong(StateIT::lastModified)).orElseThrow();
        }
        // a record cut mid-write: the start of an entry that was never fsynced (so never acknowledged) after the
        // last whole one (cutting an acknowledged, fsynced entry is not what a crash does)
        try (var channel = java.nio.channels.FileChannel.open(newest, java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.StandardOpenOption.APPEND)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {0x2a, 0x08, 0x05, 0x10, 0x01, 0x1a, 0x7f}));
        }
        // the majority may first have to elect a new leader: writes fail fast (503) until it has
        LocalCluster.await("the majority to accept a write without " + victim, Duration.ofSeconds(20), () -> {
            int status = api.post("/vms", Api.vmJson("st-after", false, null)).status();
            return status == 201 || status == 409;
        });
        cluster.startNode(victim);
        Api recovered = new Api(cluster, victim);
        LocalCluster.await(victim + " to catch up after its torn tail", Duration.ofSeconds(60),
                () -> recovered.get("/vms/st-before").status() == 200 && recovered.get("/vms/st-after").status() == 200);
        assertEquals(201, recovered.post("/vms", Api.vmJson("st-later", false, null)).status());
        for (String name : List.of("st-before", "st-after", "st-later")) {
            api.delete("/vms/" + name);
        }
    }

    @Test
    @Order(5)
    void backupAndRestoreBringBackTheState() throws IOException {
        String node = cluster.nodes().get(0);
        Api api = new Api(cluster, node);
        assertEquals(201, api.post("/vms", Api.vmJson("st-kept", false, null)).status());
        Path file = cluster.karafHome(node).resolve("data/backup-" + System.nanoTime() + ".json");
        String out = Ssh.run(cluster.address(node), cluster.sshPort(node), "admin", cluster.password(),
                "cluster:backup " + file);
        assertTrue(out.contains("Backed up"), out);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        api.awaitTask(api.delete("/vms/st-kept").json().get("id").asText(), Duration.ofSeconds(60));
        assertEquals(201, api.post("/vms", Api.vmJson("st-after-backup", false, null)).status());
        String refused = Ssh.run(cluster.address(node), cluster.sshPort(node), "admin", cluster.password(),
                "cluster:restore " + file);
        assertTrue(refused.contains("--yes"), refused);
        assertEquals(404, api.get("/vms/st-kept").status(), "restore without --yes changed the state");
        out = Ssh.run(cluster.address(node), cluster.sshPort(node), "admin", cluster.password(),
                "cluster:restore --yes " + file);
        assertTrue(out.contains("Restored"), out);
        for (String n : cluster.nodes()) {
            Api each = new Api(cluster, n);
            LocalCluster.await(n + " to see the restored state", Duration.ofSeconds(30),
                    () -> each.get("/vms/st-kept").status() == 200 && each.get("/vms/st-after-backup").status() == 404);
        }
        api.delete("/vms/st-kept");
    }

    @Test
    @Order(6)
    void votersAreChangedAtRunTimeThroughRestAndShell() throws IOException {
        List<String> nodes = cluster.nodes();
        String first = nodes.get(0);
        String last = nodes.get(2);
        Api api = new Api(cluster, first);
        for (String n : nodes) {
            Api each = new Api(cluster, n);
            Duration took = LocalCluster.await(n + " to reach all Raft members", Duration.ofSeconds(180),
                    () -> strings(each.get("/cluster/state/members").json().get("reachable")).equals(List.copyOf(nodes)));
            System.out.printf("BENCH Raft members reachable from %s after the earlier tests: %.1f s%n", n,
                    took.toMillis() / 1e3);
        }
        assertEquals(List.copyOf(nodes), strings(api.get("/cluster/state/members").json().get("voters")));
        Rest.Response again = api.put("/cluster/state/voters/" + first);
        assertEquals(409, again.status(), again.body());
        assertTrue(again.body().contains("already a voter"), again.body());
        Rest.Response unknown = api.put("/cluster/state/voters/nosuch");
        assertEquals(404, unknown.status(), unknown.body());

        Rest.Response removed = api.delete("/cluster/state/voters/" + last);
        assertEquals(200, removed.status(), removed.body());
        assertEquals(nodes.subList(0, 2), strings(removed.json().get("voters")));
        assertEquals(List.of(last), strings(removed.json().get("learners")));
        try {
            String shown = Ssh.run(cluster.address(last), cluster.sshPort(last), "admin", cluster.password(),
                    "cluster:voters");
            assertTrue(shown.matches("(?s).*" + last + "\\s+learner\\s+yes.*"), shown);
            assertTrue(shown.contains("2 voters, 2 reachable; a write needs 2"), shown);
            // the learner still replicates and writes through the leader
            Api viaLearner = new Api(cluster, last);
            assertEquals(201, viaLearner.post("/vms", Api.vmJson("st-voters", false, null)).status());
            LocalCluster.await(first + " to see st-voters", Duration.ofSeconds(10),
                    () -> api.get("/vms/st-voters").status() == 200);
        } finally {
            String added = Ssh.run(cluster.address(nodes.get(1)), cluster.sshPort(nodes.get(1)), "admin",
                    cluster.password(), "cluster:voter-add " + last);
            assertTrue(added.matches("(?s).*" + last + "\\s+voter\\s+yes.*"), added);
        }
        for (String n : nodes) {
            Api each = new Api(cluster, n);
            LocalCluster.await(n + " to count three voters again", Duration.ofSeconds(10),
                    () -> strings(each.get("/cluster/state/members").json().get("voters")).equals(List.copyOf(nodes)));
        }
        api.delete("/vms/st-voters");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }

    /** The first survivor's answer (a survivor busy with the failover may be slow to answer). */
    private static JsonNode anyAnswer(List<Api> nodes, String path) {
        for (Api node : nodes) {
            try {
                Rest.Response r = node.get(path);
                if (r.status() == 200) {
                    return r.json();
                }
            } catch (RuntimeException e) {
                // try the next one
            }
        }
        return null;
    }

    private static long lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String hostVeth(String node) {
        return "v" + cluster.netns(node);
    }

    private static int[] curlInside(String node, String method, String path, String body) {
        return new int[] {Integer.parseInt(curlInsideTimed(node, method, path, body)[0])};
    }

    /** curl from inside the node's own namespace (its address stays reachable there): code, seconds, body. */
    private static String[] curlInsideTimed(String node, String method, String path, String body) {
        String out = cluster.exec(node, "curl", "-sk", "-m", "20", "-u", "admin:" + cluster.password(), "-X", method,
                "-H", "Content-Type: application/json", "-d", body, "-w", "\n%{http_code} %{time_total}",
                cluster.restBase(node) + path);
        int nl = out.lastIndexOf('\n');
        String[] tail = out.substring(nl + 1).trim().split(" ");
        return new String[] {tail[0], tail[1], out.substring(0, Math.max(0, nl))};
    }
}
