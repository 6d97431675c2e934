package io.cairn.state.raft;

import io.cairn.api.common.UnavailableException;
import io.cairn.api.state.ConsistentStore;
import io.cairn.api.state.StateMembership;
import io.cairn.api.state.StoreHealth;
import io.cairn.api.state.StoreListener;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.VersionConflictException;
import io.cairn.api.state.Versioned;
import io.cairn.state.raft.internal.Codec;
import io.cairn.state.raft.internal.KvStateMachine;
import io.cairn.state.raft.internal.LogRepair;
import io.cairn.state.raft.internal.MatchCheckedRaft;
import io.cairn.state.raft.internal.RaftWatch;
import io.cairn.state.raft.internal.VoterChangeRules;
import io.cairn.state.raft.internal.VoterElection;
import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.View;
import org.jgroups.protocols.raft.REDIRECT;
import org.jgroups.protocols.raft.RAFT;
import org.jgroups.protocols.raft.Role;
import org.jgroups.raft.Options;
import org.jgroups.raft.RaftHandle;
import org.jgroups.raft.util.Utils;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link ConsistentStore} member on embedded jgroups-raft: TCP + TCPPING with a static member list, ELECTION2
 * (pre-vote), RAFT with an fsynced FileBasedLog, REDIRECT so any member accepts writes. Usable without OSGi:
 * {@code try (RaftStore s = RaftStore.start(config)) { ... }}.
 */
public final class RaftStore implements ConsistentStore, StateMembership, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RaftStore.class.getName());

    private final RaftStoreConfig config;
    private final KvStateMachine sm;
    private final JChannel channel;
    private final RAFT raft;
    private final REDIRECT redirect;
    private final RaftWatch watch;
    private final LogRepair.Result repair;
    private final Path rejoinMarker;
    private final ScheduledExecutorService background;
    private volatile boolean closed;
    private volatile String diverged;
    private volatile Consumer<String> onDiverged = reason -> { };

    private RaftStore(RaftStoreConfig config, KvStateMachine sm, JChannel channel, LogRepair.Result repair,
                      Path rejoinMarker) {
        this.config = config;
        this.sm = sm;
        this.channel = channel;
        this.raft = channel.getProtocolStack().findProtocol(RAFT.class);
        this.redirect = channel.getProtocolStack().findProtocol(REDIRECT.class);
        this.watch = channel.getProtocolStack().findProtocol(RaftWatch.class);
        this.repair = repair;
        this.rejoinMarker = rejoinMarker;
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "cairn-raft-" + config.member());
            t.setDaemon(true);
            return t;
        });
        ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.background = ex;
    }

    /**
     * Validates the data directory and log, builds the JGroups stack and joins the cluster. Returns once this member
     * is connected (a leader may not be elected yet; see {@link #awaitWritable(long)}).
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
        Path logDir = config.dataDir().resolve(config.member() + ".log");
        Path marker = config.dataDir().resolve(config.member() + ".rejoining");
        Path divergedMarker = divergedMarker(config);
        LogRepair.Result repair;
        if (Files.exists(divergedMarker) && Files.isDirectory(logDir)) {
            repair = LogRepair.moveAside(logDir, readOr(divergedMarker, "log marked as diverged (" + divergedMarker + ")"));
        } else {
            repair = LogRepair.check(logDir);
        }
        if (repair.outcome() == LogRepair.Outcome.MOVED_ASIDE) {
            writeMarker(marker, repair.detail());
        }
        try {
            Files.deleteIfExists(divergedMarker);
        } catch (IOException e) {
            throw new IllegalStateException("cannot remove " + divergedMarker + ": " + e.getMessage(), e);
        }
        try {
            return open(config, repair, logDir, marker);
        } catch (RuntimeException e) {
            if (!Files.isDirectory(logDir) || repair.outcome() == LogRepair.Outcome.MOVED_ASIDE
                    || !isLogFailure(e)) {
                throw e;
            }
            // e.g. a snapshot that fails its checksum: RAFT cannot load the state machine
            LogRepair.Result again = LogRepair.moveAside(logDir, "RAFT failed to load the log: " + rootMessage(e));
            writeMarker(marker, again.detail());
            return open(config, again, logDir, marker);
        }
    }

    /**
     * The voters last seen by this member (kept next to the log, so a member whose log was moved aside still knows
     * them), else the configured ones. Either way, the membership entries in the log replace them once replayed.
     */
    private static List<String> seedVoters(RaftStoreConfig config) {
        Path file = votersFile(config);
        if (Files.exists(file)) {
            List<String> known = RaftStoreConfig.parseVoters(readOr(file, ""));
            if (!known.isEmpty()) {
                return known;
            }
            LOG.warning("cannot use the voters in " + file + "; starting from the configured " + config.voters());
        }
        return config.voters();
    }

    private static Path votersFile(RaftStoreConfig config) {
        return config.dataDir().resolve(config.member() + ".voters");
    }

    private static Path divergedMarker(RaftStoreConfig config) {
        return config.dataDir().resolve(config.member() + ".diverged");
    }

    /** A small marker file's text; {@code fallback} (logged) when it cannot be read. */
    private static String readOr(Path p, String fallback) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            LOG.warning("cannot read " + p + ": " + e.getMessage());
            return fallback;
        }
    }

    private static boolean isLogFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("snapshot") || m.contains("checksum") || m.contains("corrupt")) {
                return true;
            }
        }
        return false;
    }

    private static void writeMarker(Path marker, String detail) {
        try {
            Files.writeString(marker, detail + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + marker + ": " + e.getMessage(), e);
        }
    }

    private static RaftStore open(RaftStoreConfig config, LogRepair.Result repair, Path logDir, Path marker) {
        KvStateMachine sm = new KvStateMachine(config.member(), config.dedupCapacity(), config.snapshotInterval());
        Thread current = Thread.currentThread();
        ClassLoader tccl = current.getContextClassLoader();
        current.setContextClassLoader(RaftStore.class.getClassLoader());
        JChannel ch = null;
        try {
            String xml = StackXml.build(config, seedVoters(config));
            ch = new JChannel(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            ch.name(config.member());
            RaftHandle handle = new RaftHandle(ch, sm);
            sm.raft(handle.raft());
            RaftWatch watch = ch.getProtocolStack().findProtocol(RaftWatch.class);
            boolean rejoining = Files.exists(marker);
            watch.guarded(rejoining && seedVoters(config).contains(config.member()));
            ch.connect("cairn-state");
            // log_use_fsync=false passes kill -9 tests but loses acknowledged writes on power loss: refuse it
            if (!handle.raft().logUseFsync()) {
                throw new IllegalStateException("RAFT reports log_use_fsync=false; refusing to start without fsync");
            }
            RaftStore store = new RaftStore(config, sm, ch, repair, marker);
            store.init(rejoining);
            LOG.info("Raft store member " + config.member() + " started (" + repair.outcome() + ": " + repair.detail()
                    + "), voters " + store.voters() + ", log " + logDir);
            return store;
        } catch (Exception e) {
            if (ch != null) {
                ch.close();
            }
            sm.close();
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("cannot start Raft member " + config.member() + ": " + rootMessage(e), e);
        } finally {
            current.setContextClassLoader(tccl);
        }
    }

    private void init(boolean rejoining) {
        ((MatchCheckedRaft) raft).divergenceListener(this::diverged).membershipListener(this::rememberVoters);
        rememberVoters();
        raft.addRoleListener(role -> {
            if (role == Role.Leader && !closed) {
                // commit an entry of the new term at once: reads need one (see KvStateMachine#read)
                background.execute(this::commitNoop);
            }
        });
        if (raft.isLeader()) {
            background.execute(this::commitNoop);
        }
        // liveness: the view coordinator starts an election whenever a majority is visible but nobody leads
        // (e.g. the leader stepped down on seeing a higher term, see RaftWatch); ELECTION2 only votes on view changes
        background.scheduleWithFixedDelay(this::kickElection, 1000, 1000, TimeUnit.MILLISECONDS);
        if (rejoining) {
            background.schedule(this::finishRejoin, 200, TimeUnit.MILLISECONDS);
        }
    }

    private int leaderlessTicks;

    /**
     * Liveness: jgroups-raft runs elections on the JGroups view coordinator only, on view changes. Here, once a
     * majority of voters is visible but nobody leads for two ticks, the first voter in the view (by this member's
     * voter list) starts one: the coordinator itself may be a learner, or a voter removed while it was away, whose
     * vote requests voters ignore (see RaftWatch).
     */
    private void kickElection() {
        try {
            View view = channel.getView();
            VoterElection election = channel.getProtocolStack().findProtocol(VoterElection.class);
            if (closed || view == null || raft.leader() != null || quorumProblem() != null
                    || !election.coordinates()) {
                leaderlessTicks = 0;
                return;
            }
            if (++leaderlessTicks >= 2 && !election.isVotingThreadRunning()) {
                LOG.info(config.member() + ": majority visible but no leader; starting an election");
                election.startVotingThread();
                leaderlessTicks = 0;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "election check failed", e);
        }
    }

    private void commitNoop() {
        try {
            submit(Codec.noop(UUID.randomUUID()), false);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "no-op after election failed", e);
        }
    }

    /** Lifts the vote guard once this member holds everything up to a commit made after it rejoined. */
    private void finishRejoin() {
        if (closed) {
            return;
        }
        try {
            Codec.Result r = submit(Codec.noop(UUID.randomUUID()), false);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (sm.appliedIndex() < r.index() && System.nanoTime() < deadline && !closed) {
                Thread.sleep(20);
            }
            if (sm.appliedIndex() >= r.index()) {
                Files.deleteIfExists(rejoinMarker);
                watch.guarded(false);
                LOG.info(config.member() + " caught up to " + sm.appliedIndex() + " after rejoining; votes again");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            LOG.log(Level.FINE, "rejoin not finished yet", e);
        }
        if (!closed) {
            background.schedule(this::finishRejoin, 500, TimeUnit.MILLISECONDS);
        }
    }

    /** The JGroups channel, for tests that cut this member off. */
    JChannel channel() {
        return channel;
    }

    /**
     * Called once when this member learns that entries it committed are not the leader's. Its state cannot be
     * trusted any more: it stops serving, marks the log so that the next start moves it aside and rejoins empty
     * (without a vote until caught up), and tells the owner, who restarts it.
     */
    private void diverged(String reason) {
        diverged = reason;
        writeMarker(divergedMarker(config), reason);
        LOG.severe(reason + "; this member stops serving and must be restarted to rejoin with an empty log");
        Consumer<String> l = onDiverged;
        Thread t = new Thread(() -> l.accept(reason), "cairn-raft-diverged-" + config.member());
        t.setDaemon(true);
        t.start();
    }

    /** Who to tell when this member's log diverged (see {@link #diverged}); called on its own thread. */
    public RaftStore onDiverged(Consumer<String> listener) {
        onDiverged = Objects.requireNonNull(listener, "listener");
        String already = diverged;
        if (already != null) {
            listener.accept(already);
        }
        return this;
    }

    /** Diagnostics: RAFT's view of the log. */
    public String debug() {
        return raft + " role=" + raft.role() + " view=" + channel.getView() + " log=" + raft.log() + " ct=" + raft.commitTable();
    }

    public RaftStoreConfig config() {
        return config;
    }

    /** What the start-up log check found: EMPTY, CLEAN, TAIL_CUT or MOVED_ASIDE, with details. */
    public String logCheck() {
        return repair.outcome() + ": " + repair.detail();
    }

    /** True while this voter lost its log, rejoined empty and may not vote yet. */
    public boolean rejoining() {
        return watch.guarded();
    }

    /** Waits until this member sees a leader and a majority of voters; returns false on timeout. */
    public boolean awaitWritable(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            if (health().writable()) {
                return true;
            }
            sleep(20);
        }
        return false;
    }

    @Override
    public long commit(List<StoreOp> ops) {
        return commit(UUID.randomUUID(), ops);
    }

    /**
     * Commits with a caller-chosen request id. Re-submitting the same id with the same ops (after an
     * "outcome unknown" failure) returns the first outcome instead of applying twice, as long as the id is still in
     * the state machine's dedup table (the last {@code dedupCapacity} requests).
     */
    public long commit(UUID requestId, List<StoreOp> ops) {
        Objects.requireNonNull(requestId, "requestId");
        if (ops == null || ops.isEmpty()) {
            throw new IllegalArgumentException("a commit needs at least one op");
        }
        Codec.Result r = submit(Codec.write(requestId, ops), false);
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
        List<Versioned> v = submit(Codec.get(key), true).values();
        return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    @Override
    public List<Versioned> list(String prefix) {
        return submit(Codec.list(Objects.requireNonNull(prefix, "prefix")), true).values();
    }

    @Override
    public Optional<Versioned> getLocal(String key) {
        return sm.getLocal(Objects.requireNonNull(key, "key"));
    }

    @Override
    public List<Versioned> listLocal(String prefix) {
        return sm.listLocal(Objects.requireNonNull(prefix, "prefix"));
    }

    @Override
    public StoreHealth health() {
        Address leader = raft.leader();
        String leaderId = leader == null ? null : Utils.extractRaftId(leader);
        int seen = visibleVoters().size();
        boolean writable = !closed && diverged == null && leader != null && seen >= majority()
                && (channel.getView() == null || channel.getView().containsMember(leader));
        long staleness = raft.isLeader() ? 0 : (leader == null ? -1 : watch.millisSinceLeaderContact());
        return new StoreHealth(config.member(), leaderId, voters(), writable, raft.commitIndex(),
                sm.appliedIndex(), staleness);
    }

    @Override
    public void addListener(StoreListener listener) {
        sm.addListener(listener);
    }

    @Override
    public void removeListener(StoreListener listener) {
        sm.removeListener(listener);
    }

    /** Leaves the cluster and closes the log. No snapshot is taken: the fsynced log is the durable state. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        background.shutdownNow();
        Thread current = Thread.currentThread();
        ClassLoader tccl = current.getContextClassLoader();
        current.setContextClassLoader(RaftStore.class.getClassLoader());
        try {
            channel.close();
        } finally {
            current.setContextClassLoader(tccl);
            sm.close();
        }
    }

    private int majority() {
        return voters().size() / 2 + 1;
    }

    /** The current voters: RAFT's membership, which membership entries in the log change. Sorted. */
    List<String> voters() {
        for (int attempt = 0; ; attempt++) {
            try {
                List<String> v = new ArrayList<>(raft.members());
                v.sort(null);
                return List.copyOf(v);
            } catch (ConcurrentModificationException e) {
                if (attempt > 10) {
                    throw e;
                }
                // RAFT's own thread is changing the list right now
            }
        }
    }

    private void rememberVoters() {
        try {
            Files.writeString(votersFile(config), String.join(",", voters()) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warning("cannot write " + votersFile(config) + ": " + e.getMessage());
        }
    }

    @Override
    public Members members() {
        List<String> voters = voters();
        List<String> learners = new ArrayList<>();
        for (RaftStoreConfig.Member m : config.members()) {
            if (!voters.contains(m.name())) {
                learners.add(m.name());
            }
        }
        List<String> reachable = new ArrayList<>();
        View view = channel.getView();
        if (view != null) {
            for (Address a : view.getMembersRaw()) {
                String id = Utils.extractRaftId(a);
                if (id != null) {
                    reachable.add(id);
                }
            }
        }
        reachable.sort(null);
        Address leader = raft.leader();
        return new Members(voters, learners, reachable, leader == null ? null : Utils.extractRaftId(leader));
    }

    @Override
    public Members addVoter(String member) {
        return changeVoters(member, true);
    }

    @Override
    public Members removeVoter(String member) {
        return changeVoters(member, false);
    }

    /**
     * One membership change through the leader (REDIRECT forwards it; jgroups-raft applies one at a time, when the
     * entry commits). Refused beforehand when the new voter set would not have a reachable majority.
     */
    private synchronized Members changeVoters(String member, boolean add) {
        Objects.requireNonNull(member, "member");
        VoterChangeRules.check(members(), member, add,
                config.members().stream().map(RaftStoreConfig.Member::name).toList(), config.member());
        String problem = quorumProblem();
        if (problem != null) {
            throw new UnavailableException(problem);
        }
        CompletableFuture<byte[]> f;
        try {
            f = add ? redirect.addServer(member) : redirect.removeServer(member);
            f.get(config.writeTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new UnavailableException("voter change outcome unknown: not committed within "
                    + config.writeTimeoutMillis() + " ms; check the voters again before retrying", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted; voter change outcome unknown", e);
        } catch (Exception e) {
            throw new UnavailableException("voter change failed: " + rootMessage(e), e);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.writeTimeoutMillis());
        while (voters().contains(member) != add && System.nanoTime() < deadline) {
            sleep(10); // committed on the leader; this member applies it with the next commit message
        }
        LOG.info("Raft voters are now " + voters() + " (" + (add ? "added " : "removed ") + member + ")");
        return members();
    }

    private List<String> visibleVoters() {
        View view = channel.getView();
        List<String> out = new ArrayList<>();
        if (view == null) {
            return out;
        }
        List<String> voters = voters();
        for (Address a : view.getMembersRaw()) {
            String id = Utils.extractRaftId(a);
            if (id != null && voters.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    /** Null if this member sees a majority of voters, else the reason. */
    private String quorumProblem() {
        String d = diverged;
        if (d != null) {
            return d + "; restarting it with an empty log";
        }
        List<String> seen = visibleVoters();
        if (seen.size() >= majority()) {
            return null;
        }
        return "no Raft majority reachable: this node (" + config.member() + ") sees " + seen.size() + " of "
                + voters().size() + " voters " + seen + ", needs " + majority();
    }

    private Address awaitLeader(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
        while (true) {
            Address leader = raft.leader();
            View view = channel.getView();
            if (leader != null && (view == null || view.containsMember(leader))) {
                return leader;
            }
            if (System.nanoTime() >= deadline || closed) {
                return null;
            }
            sleep(10);
        }
    }

    /**
     * Sends a command to the leader (through REDIRECT) and waits for its result, retrying the same bytes (same
     * request id) when the leader changes underneath. Fails fast when no majority or leader is visible.
     */
    private Codec.Result submit(byte[] cmd, boolean read) {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(config.writeTimeoutMillis());
        boolean submitted = false;
        Throwable last = null;
        String what = read ? "read" : "write";
        while (true) {
            if (closed) {
                throw new UnavailableException("Raft store member " + config.member() + " is closed");
            }
            String problem = quorumProblem();
            if (problem == null) {
                long wait = Math.min(config.leaderWaitMillis(), remainingMillis(deadline));
                if (awaitLeader(wait) == null) {
                    problem = "no Raft leader reachable within " + wait + " ms: this node (" + config.member()
                            + ") sees " + visibleVoters().size() + " of " + voters().size() + " voters "
                            + visibleVoters();
                }
            }
            if (problem != null) {
                throw new UnavailableException(submitted && !read
                        ? "write outcome unknown: it was submitted but " + problem + "; it may still commit"
                        : problem);
            }
            try {
                CompletableFuture<byte[]> f = read
                        ? redirect.getAsync(cmd, 0, cmd.length, Options.create(false))
                        : redirect.setAsync(cmd, 0, cmd.length, Options.create(false));
                submitted = true;
                byte[] res = f.get(Math.max(1, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
                Codec.Result r = Codec.decodeResult(res);
                if (r.type() == Codec.RES_RETRY) {
                    if (remainingMillis(deadline) <= 0) {
                        throw new UnavailableException("read timed out: the new leader has not committed an entry "
                                + "of its term yet");
                    }
                    sleep(10);
                    continue;
                }
                if (r.type() == Codec.RES_ERROR) {
                    throw new IllegalStateException(what + " rejected: " + r.error());
                }
                return r;
            } catch (TimeoutException e) {
                throw new UnavailableException(read
                        ? "read timed out after " + config.writeTimeoutMillis() + " ms"
                        : "write outcome unknown: no commit within " + config.writeTimeoutMillis()
                        + " ms (leader " + health().leader() + "); it may still commit — retry conditionally", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnavailableException(what + " interrupted; outcome unknown", e);
            } catch (ExecutionException e) {
                last = e.getCause();
            } catch (IOException e) {
                throw new IllegalStateException("cannot decode the leader's answer: " + e.getMessage(), e);
            } catch (UnavailableException | IllegalStateException e) {
                if (e instanceof UnavailableException || !String.valueOf(e.getMessage()).contains("leader")) {
                    throw e;
                }
                last = e;
            } catch (Exception e) {
                last = e; // RaftLeaderException from REDIRECT: the leader changed, retry with the same request id
            }
            if (remainingMillis(deadline) <= 0) {
                throw new UnavailableException(read ? "read failed: " + rootMessage(last)
                        : "write outcome unknown after " + config.writeTimeoutMillis() + " ms of leader changes: "
                        + rootMessage(last), last);
            }
            sleep(50);
        }
    }

    private static long remainingMillis(long deadlineNanos) {
        return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted", e);
        }
    }

    static String rootMessage(Throwable t) {
        if (t == null) {
            return "unknown";
        }
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r.getClass().getSimpleName() + ": " + r.getMessage();
    }
}
