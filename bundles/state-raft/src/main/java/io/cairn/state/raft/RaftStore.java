package io.cairn.state.raft;

import io.cairn.api.state.ConsistentStore;
import io.cairn.api.state.StateMembership;
import io.cairn.api.state.StoreHealth;
import io.cairn.api.state.StoreListener;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.VersionConflictException;
import io.cairn.api.state.Versioned;
import io.cairn.state.raft.internal.ChangeDispatcher;
import io.cairn.state.raft.internal.Codec;
import io.cairn.state.raft.internal.HealthView;
import io.cairn.state.raft.internal.KvState;
import io.cairn.state.raft.internal.KvStateMachine;
import io.cairn.state.raft.internal.LegacyStoreCheck;
import io.cairn.state.raft.internal.PeerProbe;
import io.cairn.state.raft.internal.RatisNode;
import io.cairn.state.raft.internal.Submitter;
import io.cairn.state.raft.internal.VoterChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ConsistentStore} member on embedded Apache Ratis (gRPC transport, optionally mutual TLS; fsynced
 * segmented log and snapshots under the data dir). Usable without OSGi:
 * {@code try (RaftStore s = RaftStore.start(config)) { ... }}. The work is done by small parts: {@link RatisNode}
 * (server and client), {@link KvStateMachine} over {@link KvState}, {@link Submitter} (writes and ReadIndex reads),
 * {@link HealthView} with {@link PeerProbe} (health, fail-fast), {@link VoterChanges} (membership).
 */
public final class RaftStore implements ConsistentStore, StateMembership, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RaftStore.class);
    private static final long PROBE_PERIOD_MILLIS = 250;

    private final RaftStoreConfig config;
    private final ChangeDispatcher dispatcher;
    private volatile KvStateMachine sm;
    private final PeerProbe probe;
    private volatile RatisNode node;
    private final HealthView health;
    private final Submitter submitter;
    private final VoterChanges voterChanges;
    private final ExecutorService callers;
    private final ScheduledExecutorService watchdog;
    private volatile boolean closed;

    private RaftStore(RaftStoreConfig config, ChangeDispatcher dispatcher, KvStateMachine sm, PeerProbe probe,
                      RatisNode node) {
        this.config = config;
        this.dispatcher = dispatcher;
        this.sm = sm;
        this.probe = probe;
        this.node = node;
        this.health = new HealthView(config, () -> this.node.division(), probe, () -> this.sm.appliedIndex());
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cairn-raft-watchdog-" + config.member());
            t.setDaemon(true);
            return t;
        });
        this.callers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "cairn-raft-call-" + config.member());
            t.setDaemon(true);
            return t;
        });
        this.submitter = new Submitter(config, () -> this.node, () -> this.sm, health, callers);
        this.voterChanges = new VoterChanges(config, () -> this.node, health);
    }

    /**
     * Checks the data directory, starts the Ratis server (formatting new storage, recovering existing storage) and
     * returns; a leader may not be elected yet (see {@link #awaitWritable(long)}).
     */
    public static RaftStore start(RaftStoreConfig config) {
        Objects.requireNonNull(config, "config");
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create data dir " + config.dataDir() + ": " + e.getMessage(), e);
        }
        if (!Files.isWritable(config.dataDir())) {
            throw new IllegalStateException("data dir " + config.dataDir() + " is not writable");
        }
        LegacyStoreCheck.check(config);
        ChangeDispatcher dispatcher = new ChangeDispatcher(config.member());
        KvStateMachine sm = new KvStateMachine(new KvState(config.dedupCapacity()), dispatcher);
        PeerProbe probe = new PeerProbe(config, PROBE_PERIOD_MILLIS);
        RatisNode node;
        try {
            node = RatisNode.start(config, sm);
        } catch (RuntimeException e) {
            probe.close();
            dispatcher.close();
            throw e;
        }
        probe.probeAllNow();
        probe.start();
        RaftStore store = new RaftStore(config, dispatcher, sm, probe, node);
        store.watchdog.scheduleWithFixedDelay(store::restartIfClosed, 1, 1, TimeUnit.SECONDS);
        LOG.info("Raft store member {} started: voters {}, TLS {}, applied index {}", config.member(),
                store.voters(), config.tls() == null ? "off" : "mutual", sm.appliedIndex());
        return store;
    }

    /**
     * Ratis closes a server that learns it is not in the configuration (a voter removed while it was away asks for
     * votes and is told to shut down). This member then starts its server again from its storage: the leader
     * replicates the current configuration to it, and it follows as a listener.
     */
    private synchronized void restartIfClosed() {
        if (closed) {
            return;
        }
        try {
            org.apache.ratis.util.LifeCycle.State state = node.division().getInfo().getLifeCycleState();
            if (!state.isClosingOrClosed() && state != org.apache.ratis.util.LifeCycle.State.EXCEPTION) {
                return;
            }
            LOG.warn("Raft server of {} is {}; starting it again from its storage", config.member(), state);
        } catch (RuntimeException e) {
            LOG.warn("Raft server of {} is gone ({}); starting it again from its storage", config.member(),
                    e.getMessage());
        }
        RatisNode old = node;
        old.close();
        try {
            KvStateMachine next = sm.fresh();
            node = RatisNode.start(config, next);
            sm = next;
        } catch (RuntimeException e) {
            LOG.error("cannot start the Raft server of {} again, retrying: {}", config.member(), e.getMessage());
        }
    }

    public RaftStoreConfig config() {
        return config;
    }

    /** Diagnostics: Ratis' view of this member. */
    public String debug() {
        try {
            return health.describe() + ", commit " + node.division().getRaftLog().getLastCommittedIndex()
                    + ", applied " + sm.appliedIndex() + ", conf " + node.division().getRaftConf();
        } catch (RuntimeException e) {
            return "closed or failed: " + e.getMessage();
        }
    }

    /** Waits until this member sees a leader and a majority of voters; returns false on timeout. */
    public boolean awaitWritable(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            if (health().writable()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    @Override
    public long commit(List<StoreOp> ops) {
        return commit(UUID.randomUUID(), ops);
    }

    /**
     * Commits with a caller-chosen request id. Re-submitting the same id with the same ops (after an "outcome
     * unknown" failure) returns the first outcome instead of applying twice, as long as the id is still in the
     * state machine's dedup table (the last {@code dedupCapacity} requests).
     */
    public long commit(UUID requestId, List<StoreOp> ops) {
        Objects.requireNonNull(requestId, "requestId");
        if (ops == null || ops.isEmpty()) {
            throw new IllegalArgumentException("a commit needs at least one op");
        }
        Codec.Result r = submitter.write(Codec.write(requestId, ops));
        if (r.type() == Codec.RES_CONFLICT) {
            throw new VersionConflictException(r.conflictKey(), r.expected(), r.actual());
        }
        if (r.type() != Codec.RES_OK) {
            throw new IllegalStateException("unexpected result " + r);
        }
        return r.index();
    }

    @Override
    public Optional<Versioned> get(String key) {
        Objects.requireNonNull(key, "key");
        List<Versioned> v = readValues(Codec.get(key));
        return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** One linearizable read of all {@code keys}: one ReadIndex (and, on the leader, one barrier) for all. */
    @Override
    public Map<String, Versioned> getAll(Collection<String> keys) {
        List<String> asked = List.copyOf(Objects.requireNonNull(keys, "keys"));
        Map<String, Versioned> out = new LinkedHashMap<>();
        if (!asked.isEmpty()) {
            readValues(Codec.getAll(asked)).forEach(v -> out.put(v.key(), v));
        }
        return out;
    }

    @Override
    public List<Versioned> list(String prefix) {
        return readValues(Codec.list(Objects.requireNonNull(prefix, "prefix")));
    }

    private List<Versioned> readValues(byte[] cmd) {
        Codec.Result r = submitter.read(cmd);
        if (r.type() != Codec.RES_READ) {
            throw new IllegalStateException("unexpected read result " + r);
        }
        return r.values();
    }

    @Override
    public Optional<Versioned> getLocal(String key) {
        return sm.state().get(Objects.requireNonNull(key, "key"));
    }

    @Override
    public List<Versioned> listLocal(String prefix) {
        return sm.state().list(Objects.requireNonNull(prefix, "prefix"));
    }

    @Override
    public StoreHealth health() {
        return health.health();
    }

    @Override
    public void addListener(StoreListener listener) {
        dispatcher.add(listener);
    }

    @Override
    public void removeListener(StoreListener listener) {
        dispatcher.remove(listener);
    }

    /** The current voters (Ratis' configuration, which membership entries in the log change), sorted. */
    public List<String> voters() {
        return health.voters();
    }

    @Override
    public Members members() {
        return voterChanges.members();
    }

    @Override
    public Members addVoter(String member) {
        return voterChanges.change(member, true);
    }

    @Override
    public Members removeVoter(String member) {
        return voterChanges.change(member, false);
    }

    /** Stops the Ratis server; the fsynced log and snapshots are the durable state. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        health.closed();
        watchdog.shutdownNow();
        synchronized (this) {
            probe.close();
        }
        try {
            node.close();
        } finally {
            callers.shutdownNow();
            dispatcher.close();
        }
    }

    /** How many reads this member answered as leader after a barrier commit (see {@code Submitter.leaderRead}). */
    public long readBarriers() {
        return submitter.readBarriers();
    }

}
