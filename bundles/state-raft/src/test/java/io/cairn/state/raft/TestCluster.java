package io.cairn.state.raft;

import io.cairn.api.common.UnavailableException;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.VersionConflictException;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Three (or more) in-process members on 127.0.0.1 with their own data dirs and ports. */
final class TestCluster implements AutoCloseable {
    final List<RaftStoreConfig.Member> members = new ArrayList<>();
    final RaftStore[] stores;
    final Path root;
    private final List<String> voters;

    TestCluster(Path root, int n) throws IOException {
        this(root, n, null);
    }

    /** @param voters null: the default (the first three members) */
    TestCluster(Path root, int n, List<String> voters) throws IOException {
        this.root = root;
        this.voters = voters;
        int base = freeBase(n);
        for (int i = 0; i < n; i++) {
            members.add(new RaftStoreConfig.Member("n" + (i + 1), "127.0.0.1", base + i));
        }
        stores = new RaftStore[n];
    }

    private java.util.function.IntFunction<TlsFiles> tls = i -> null;

    /** Members start with these TLS files (by member index). */
    TestCluster withTls(java.util.function.IntFunction<TlsFiles> files) {
        this.tls = files;
        return this;
    }

    RaftStoreConfig config(int i) {
        return RaftStoreConfig.of("n" + (i + 1), members, voters, root.resolve("n" + (i + 1)))
                .withTimeouts(10_000, 2000, 2000)
                .withSnapshotInterval(50)
                .withTls(tls.apply(i));
    }

    TestCluster startAll() {
        for (int i = 0; i < stores.length; i++) {
            start(i);
        }
        awaitWritable();
        return this;
    }

    RaftStore start(int i) {
        stores[i] = RaftStore.start(config(i));
        return stores[i];
    }

    void stop(int i) {
        if (stores[i] != null) {
            stores[i].close();
            stores[i] = null;
        }
    }

    void awaitWritable() {
        for (RaftStore s : stores) {
            if (s != null && !s.awaitWritable(15_000)) {
                throw new AssertionError("no leader after 15 s on " + s.health() + " " + s.debug());
            }
        }
    }

    RaftStore leader() {
        for (RaftStore s : stores) {
            if (s != null && s.config().member().equals(s.health().leader())) {
                return s;
            }
        }
        return null;
    }

    RaftStore follower() {
        for (RaftStore s : stores) {
            if (s != null && s.health().leader() != null && !s.config().member().equals(s.health().leader())) {
                return s;
            }
        }
        return null;
    }

    /** Index of {@code s} in {@link #stores}. */
    int indexOf(RaftStore s) {
        for (int i = 0; i < stores.length; i++) {
            if (s != null && stores[i] == s) {
                return i;
            }
        }
        throw new AssertionError("not a running member of this cluster: " + s);
    }

    /**
     * Puts a new {@code key} (ABSENT), retrying while the store is unavailable (an election, a view change), as
     * callers do; returns its version, also when an earlier attempt whose outcome was unknown committed it.
     */
    static long putRetrying(RaftStore s, String key, String value) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            try {
                return s.put(key, value, StoreOp.ABSENT);
            } catch (VersionConflictException e) {
                return s.get(key).orElseThrow().version();
            } catch (UnavailableException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("writing " + key + " through " + s.config().member() + " failed: "
                            + s.debug(), e);
                }
                Thread.sleep(100);
            }
        }
    }

    static void await(String what, long millis, BooleanSupplier cond) {
        await(() -> what, millis, cond);
    }

    static void await(java.util.function.Supplier<String> what, long millis, BooleanSupplier cond) {
        long deadline = System.currentTimeMillis() + millis;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after " + millis + " ms waiting for " + what.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** n consecutive free ports (and the n above +100, kept free for a proxy in tests that need one). */
    private static int freeBase(int n) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base;
            try (ServerSocket s = new ServerSocket(0)) {
                base = s.getLocalPort();
            }
            if (base > 60000) {
                continue;
            }
            boolean ok = true;
            for (int i = 0; i < n && ok; i++) {
                ok = free(base + i) && free(base + 100 + i);
            }
            if (ok) {
                return base;
            }
        }
        throw new IOException("no free port range");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < stores.length; i++) {
            try {
                stop(i);
            } catch (RuntimeException ignored) {
                // best effort
            }
        }
    }
}
