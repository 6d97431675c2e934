package io.cairn.metering.internal;

import io.cairn.api.metering.Price;
import io.cairn.api.metering.Statement;
import io.cairn.api.metering.UsageRecord;
import io.cairn.api.state.StoreOp;
import io.cairn.state.raft.RaftStore;
import io.cairn.state.raft.RaftStoreConfig;
import io.cairn.testing.InMemoryConsistentStore;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * benchmarks/metering: (1) usage records ingested per second by one node through a real 3-member Raft store
 * (fsynced, loopback): one put-if-absent batch per interval, as the meter writes them; (2) the statement of a month
 * for 10,000 VMs from generated records: time and heap; (3) Raft commits per node per interval. Prints BENCH lines.
 * Usage: MeteringBench [VMS_PER_NODE=1000] [INTERVALS=20] [STATEMENT_VMS=10000] [RECORDS_PER_VM=100]
 */
public final class MeteringBench {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private MeteringBench() {
    }

    public static void main(String[] args) throws Exception {
        int vms = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int intervals = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int statementVms = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int perVm = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        ingest(vms, intervals);
        statement(statementVms, perVm);
        System.exit(0);
    }

    private static void ingest(int vms, int intervals) throws Exception {
        Path dir = Files.createTempDirectory("cairn-metering-bench");
        int base;
        try (ServerSocket s = new ServerSocket(0)) {
            base = s.getLocalPort() + 10;
        }
        List<RaftStoreConfig.Member> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            members.add(new RaftStoreConfig.Member("n" + (i + 1), "127.0.0.1", base + i));
        }
        RaftStore[] stores = new RaftStore[3];
        for (int i = 0; i < 3; i++) {
            stores[i] = RaftStore.start(RaftStoreConfig.of("n" + (i + 1), members, null, dir.resolve("n" + (i + 1)))
                    .withTimeouts(10_000, 2000, 2000));
        }
        for (RaftStore s : stores) {
            s.awaitWritable(30_000);
        }
        try {
            RaftStore node = stores[1];
            StoreFence fence = new StoreFence(node, "n2");
            UsageStore usage = new UsageStore(node);
            long[] epochs = new long[vms];
            for (int v = 0; v < vms; v++) {
                epochs[v] = node.put("owner/vm" + v, "n2", StoreOp.ABSENT);
            }
            long before = node.health().commitIndex();
            long t = System.nanoTime();
            int commits = 0;
            for (int i = 0; i < intervals; i++) {
                List<UsageRecord> batch = new ArrayList<>(vms);
                for (int v = 0; v < vms; v++) {
                    batch.add(new UsageRecord(Records.vm(v), "vm" + v, "t" + (v % 10), "n2", epochs[v],
                            T0.plusSeconds(60L * i), 60, 2, 2048, 1_000_000L * v));
                }
                commits += usage.record(batch, fence).commits();
            }
            double seconds = (System.nanoTime() - t) / 1e9;
            long entries = node.health().commitIndex() - before;
            System.out.printf("BENCH usage ingestion on one node (3-member Raft, fsync, loopback): %d records "
                            + "(%d VMs x %d intervals) in %.2f s = %.0f records/s; %.1f ms per interval batch%n",
                    vms * intervals, vms, intervals, seconds, vms * intervals / seconds, seconds * 1000 / intervals);
            System.out.printf("BENCH extra Raft writes per node per interval: %.2f commits (%d commits, %d log "
                    + "entries for %d intervals; the lease renewal rides in the same commit)%n",
                    (double) commits / intervals, commits, entries, intervals);
        } finally {
            for (RaftStore s : stores) {
                s.close();
            }
        }
    }

    private static void statement(int vms, int perVm) {
        InMemoryConsistentStore store = new InMemoryConsistentStore("n1");
        StoreFence fence = new StoreFence(store, "n1");
        UsageStore usage = new UsageStore(store);
        long[] epochs = new long[vms];
        for (int v = 0; v < vms; v++) {
            epochs[v] = fence.own("vm" + v, "n1");
        }
        long step = Math.max(60, 28L * 24 * 3600 / perVm) / 60 * 60;
        for (int i = 0; i < perVm; i++) {
            List<UsageRecord> batch = new ArrayList<>(vms);
            for (int v = 0; v < vms; v++) {
                batch.add(new UsageRecord(Records.vm(v), "vm" + v, "t" + (v % 50), "n1", epochs[v],
                        T0.plusSeconds(step * i), 60, 1 + v % 4, 512L * (1 + v % 8), 7_000_000L * v));
            }
            usage.record(batch, fence);
        }
        PriceStore prices = new PriceStore(store);
        PriceManager priceManager = new PriceManager(prices, Clock.systemUTC(),
                new Price(Instant.EPOCH, BigDecimal.ONE, new BigDecimal("0.5"), new BigDecimal("2")));
        UsageManager manager = new UsageManager(usage, priceManager, null);
        manager.statement("2026-12", null); // warm up
        for (int round = 0; round < 3; round++) {
            System.gc();
            long heapBefore = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long t = System.nanoTime();
            Statement s = manager.statement("2026-12", null);
            String csv = s.toCsv();
            double ms = (System.nanoTime() - t) / 1e6;
            long heapAfter = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            System.out.printf("BENCH statement of a month for %d VMs (%d records, %d tenants): %.0f ms incl. CSV "
                            + "(%d KiB); heap grew %d MiB during it (records are decoded from the store's JSON)%n",
                    s.lines().size(), (long) vms * perVm, s.tenants().size(), ms, csv.length() / 1024,
                    (heapAfter - heapBefore) >> 20);
        }
    }
}
