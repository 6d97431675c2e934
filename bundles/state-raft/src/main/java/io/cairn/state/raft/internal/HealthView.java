package io.cairn.state.raft.internal;

import io.cairn.api.state.StoreHealth;
import io.cairn.state.raft.RaftStoreConfig;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** How this member sees the store: Ratis' role, leader, configuration and indexes, and the probe's reachability. */
public final class HealthView {
    private final RaftStoreConfig config;
    private final Supplier<RaftServer.Division> division;
    private final PeerProbe probe;
    private final java.util.function.LongSupplier appliedIndex;
    private volatile boolean closed;
    private final LeaderMemory leaderMemory;

    public HealthView(RaftStoreConfig config, Supplier<RaftServer.Division> division, PeerProbe probe,
                      java.util.function.LongSupplier appliedIndex) {
        this.config = config;
        this.division = division;
        this.probe = probe;
        this.appliedIndex = appliedIndex;
        this.leaderMemory = new LeaderMemory(config.member());
    }

    public void closed() {
        closed = true;
    }

    /** The voters of the committed (or, during a change, the new) configuration, sorted. */
    public List<String> voters() {
        return names(conf().getCurrentPeers(RaftPeerRole.FOLLOWER));
    }

    /** The Ratis listeners (non-voting replicas) of the current configuration, sorted. */
    public List<String> listeners() {
        return names(conf().getCurrentPeers(RaftPeerRole.LISTENER));
    }

    public boolean isVoter(String member) {
        return voters().contains(member);
    }

    private RaftConfiguration conf() {
        return division.get().getRaftConf();
    }

    private static List<String> names(Collection<RaftPeer> peers) {
        List<String> out = new ArrayList<>();
        for (RaftPeer p : peers) {
            out.add(p.getId().toString());
        }
        out.sort(null);
        return List.copyOf(out);
    }

    /** The leader this member knows of in its current term (see {@link LeaderMemory}), or null. */
    public String leader() {
        DivisionInfo info = division.get().getInfo();
        RaftPeerId id = info.getLeaderId();
        return leaderMemory.leader(id == null ? null : id.toString(), info.getCurrentTerm());
    }

    /** True while Ratis has this member as a follower (not a candidate in a pre-vote or an election). */
    public boolean isFollower() {
        return division.get().getInfo().isFollower();
    }

    public boolean isLeader() {
        return division.get().getInfo().isLeader();
    }

    /** Every configured member this node reaches now, itself included, sorted. */
    public List<String> reachable() {
        List<String> out = new ArrayList<>();
        for (RaftStoreConfig.Member m : config.members()) {
            if (probe.reachable(m.name())) {
                out.add(m.name());
            }
        }
        out.sort(null);
        return out;
    }

    /** Null if this member reaches a majority of the voters, else the reason (for a 503). */
    public String quorumProblem() {
        if (closed) {
            return "Raft store member " + config.member() + " is closed";
        }
        List<String> voters = voters();
        List<String> seen = probe.reachable(voters);
        int majority = voters.size() / 2 + 1;
        if (seen.size() >= majority) {
            return null;
        }
        return "no Raft majority reachable: this node (" + config.member() + ") sees " + seen.size() + " of "
                + voters.size() + " voters " + seen + ", needs " + majority;
    }

    /** Waits up to {@code millis} for a reachable leader; null when there is one, else the reason. */
    public String awaitLeader(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
        while (true) {
            String leader = leader();
            if (leader != null && probe.reachable(leader)) {
                return null;
            }
            if (System.nanoTime() >= deadline || closed) {
                List<String> voters = voters();
                List<String> seen = probe.reachable(voters);
                return "no Raft leader reachable within " + millis + " ms: this node (" + config.member() + ") sees "
                        + seen.size() + " of " + voters.size() + " voters " + seen
                        + (leader == null ? "" : ", last leader " + leader + " is unreachable");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while waiting for a Raft leader";
            }
        }
    }

    public StoreHealth health() {
        RaftServer.Division d = division.get();
        DivisionInfo info = d.getInfo();
        String leader = leader();
        boolean writable = !closed && leader != null && probe.reachable(leader) && quorumProblem() == null;
        return new StoreHealth(config.member(), leader, voters(), writable, d.getRaftLog().getLastCommittedIndex(),
                appliedIndex.getAsLong(), staleness(info, leader));
    }

    private static long staleness(DivisionInfo info, String leader) {
        if (info.isLeader()) {
            return 0;
        }
        if (leader == null) {
            return -1;
        }
        RoleInfoProto role = info.getRoleInfoProto();
        if (role.hasFollowerInfo() && role.getFollowerInfo().hasLeaderInfo()) {
            return role.getFollowerInfo().getLeaderInfo().getLastRpcElapsedTimeMs();
        }
        return -1;
    }

    /** One line for error messages: role, leader, reachable voters and how far this member has applied. */
    public String describe() {
        List<String> voters = voters();
        return "this node " + config.member() + " is " + division.get().getInfo().getCurrentRole() + ", leader "
                + leader() + ", sees " + probe.reachable(voters).size() + " of " + voters.size() + " voters, commit index "
                + division.get().getRaftLog().getLastCommittedIndex() + ", applied " + appliedIndex.getAsLong();
    }
}
