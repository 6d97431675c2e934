package io.cairn.state.raft.bench;

import io.cairn.api.state.StoreOp;
import io.cairn.state.raft.RaftStore;
import io.cairn.state.raft.RaftStoreConfig;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * On-demand benchmark (not a test): three in-process members on 127.0.0.1.
 * <pre>
 * mvn -q -Dmaven.repo.local=REPO -f bundles/state-raft/pom.xml test-compile
 * CP=$(mvn -q -Dmaven.repo.local=REPO -f bundles/state-raft/pom.xml dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
 * java -Djava.net.preferIPv4Stack=true -cp bundles/state-raft/target/classes:bundles/state-raft/target/test-classes:$CP \
 *   io.cairn.state.raft.bench.RaftBench [writes]
 * </pre>
 * Prints write latency p50/p99 and sequential write rate, 64 concurrent writers' rate (via the leader and a follower), linearizable read latency
 * (ReadIndex) on the leader and a follower, time to elect a new leader after the leader stops,
 * and time until reads are served after restarting all three members.
 */
public final class RaftBench {
    public static void main(String[] args) throws Exception {
        int writes = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path dir = Files.createTempDirectory("raft-bench");
        int base;
        try (ServerSocket s = new ServerSocket(0)) {
            base = s.getLocalPort() < 60000 ? s.getLocalPort() : 41000;
        }
        List<RaftStoreConfig.Member> members = List.of(new RaftStoreConfig.Member("n1", "127.0.0.1", base),
                new RaftStoreConfig.Member("n2", "127.0.0.1", base + 1), new RaftStoreConfig.Member("n3", "127.0.0.1", base + 2));
        RaftStore[] st = startAll(members, dir);
        RaftStore leader = leader(st);
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        Thread.sleep(2000);
        long cpu0 = os.getProcessCpuTime();
        long w0 = System.nanoTime();
        Thread.sleep(5000);
        System.out.printf("idle, three members in this JVM: %.1f%% of one core%n",
                100.0 * (os.getProcessCpuTime() - cpu0) / (System.nanoTime() - w0));
        RaftStore follower = Arrays.stream(st).filter(s -> s != leader).findFirst().orElseThrow();
        for (int i = 0; i < 200; i++) {
            follower.put("warm/" + i, "x", StoreOp.ANY);
        }
        for (RaftStore via : new RaftStore[] {leader, follower}) {
            long[] lat = new long[writes];
            long t0 = System.nanoTime();
            for (int i = 0; i < writes; i++) {
                long s = System.nanoTime();
                via.put("bench/" + i, "{\"i\":" + i + "}", StoreOp.ANY);
                lat[i] = System.nanoTime() - s;
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            Arrays.sort(lat);
            System.out.printf("writes via %s (%s): %d sequential, %.0f/s, p50 %.2f ms, p99 %.2f ms%s%n",
                    via.config().member(), via == leader ? "leader" : "follower", writes, writes / secs,
                    lat[writes / 2] / 1e6, lat[writes * 99 / 100] / 1e6, leaderMoved(leader));
        }
        int threads = 64;
        int perThread = Math.max(10, writes / threads);
        for (RaftStore via : new RaftStore[] {leader, follower}) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            long c0 = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int tt = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        via.put("conc/" + via.config().member() + "/" + tt + "/" + i, "{\"i\":" + i + "}", StoreOp.ANY);
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
            double csecs = (System.nanoTime() - c0) / 1e9;
            pool.shutdown();
            System.out.printf("writes via %s (%s), %d concurrent: %d in %.2f s, %.0f/s%s%n", via.config().member(),
                    via == leader ? "leader" : "follower", threads, threads * perThread, csecs, threads * perThread / csecs,
                    leaderMoved(leader));
        }
        for (RaftStore via : new RaftStore[] {leader, follower}) {
            long[] lat = new long[500];
            for (int i = 0; i < lat.length; i++) {
                long r = System.nanoTime();
                via.get("bench/" + i);
                lat[i] = System.nanoTime() - r;
            }
            Arrays.sort(lat);
            System.out.printf("linearizable get via %s (%s): p50 %.2f ms, p99 %.2f ms%s%n", via.config().member(),
                    via == leader ? "leader" : "follower", lat[250] / 1e6, lat[495] / 1e6, leaderMoved(leader));
        }

        // leader failover
        int li = Arrays.asList(st).indexOf(leader);
        long f0 = System.nanoTime();
        st[li].close();
        RaftStore survivor = st[(li + 1) % 3];
        while (true) {
            try {
                survivor.put("failover", "x", StoreOp.ANY);
                break;
            } catch (RuntimeException e) {
                Thread.sleep(5);
            }
        }
        System.out.printf("leader %s stopped: next write committed after %.0f ms (new leader %s)%n",
                leader.config().member(), (System.nanoTime() - f0) / 1e6, survivor.health().leader());
        for (RaftStore s : st) {
            s.close();
        }

        // full restart
        long s0 = System.nanoTime();
        RaftStore[] again = startAllNoWait(members, dir);
        while (true) {
            try {
                if (again[0].get("bench/0").isPresent()) {
                    break;
                }
            } catch (RuntimeException e) {
                Thread.sleep(5);
            }
        }
        System.out.printf("restart of all three: first linearizable read after %.0f ms%n", (System.nanoTime() - s0) / 1e6);
        for (RaftStore s : again) {
            s.close();
        }
    }

    static RaftStoreConfig cfg(String m, List<RaftStoreConfig.Member> members, Path dir) {
        return RaftStoreConfig.of(m, members, null, dir.resolve(m)).withTimeouts(5000, 1000, 1500);
    }

    static RaftStore[] startAllNoWait(List<RaftStoreConfig.Member> members, Path dir) {
        List<RaftStore> out = new ArrayList<>();
        for (RaftStoreConfig.Member m : members) {
            out.add(RaftStore.start(cfg(m.name(), members, dir)));
        }
        return out.toArray(new RaftStore[0]);
    }

    static RaftStore[] startAll(List<RaftStoreConfig.Member> members, Path dir) {
        RaftStore[] st = startAllNoWait(members, dir);
        for (RaftStore s : st) {
            if (!s.awaitWritable(15000)) {
                throw new IllegalStateException("no leader: " + s.health());
            }
        }
        return st;
    }

    /** A note when leadership left the member measured as the leader (an election on a loaded host). */
    static String leaderMoved(RaftStore leader) {
        String now = leader.health().leader();
        return leader.config().member().equals(now) ? "" : " [leader is now " + now + ": an election happened]";
    }

    static RaftStore leader(RaftStore[] st) {
        for (RaftStore s : st) {
            if (s.config().member().equals(s.health().leader())) {
                return s;
            }
        }
        throw new IllegalStateException("no leader");
    }
}
