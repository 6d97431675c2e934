package io.cairn.state.raft.internal;

import io.cairn.state.raft.RaftStoreConfig;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The Raft group of the store: one fixed group id, every configured member a peer — the voters as Raft
 * followers, the others as Ratis listeners (non-voting replicas that serve local reads).
 */
public final class RatisPeers {
    /** The one group of the store; fixed, so every member and every restart agree on it. */
    public static final RaftGroupId GROUP_ID =
            RaftGroupId.valueOf(UUID.nameUUIDFromBytes("cairn-state".getBytes(StandardCharsets.UTF_8)));

    private RatisPeers() {
    }

    public static RaftPeer peer(RaftStoreConfig.Member m, boolean voter) {
        return RaftPeer.newBuilder()
                .setId(m.name())
                .setAddress(hostPort(m))
                .setStartupRole(voter ? RaftPeerRole.FOLLOWER : RaftPeerRole.LISTENER)
                .build();
    }

    /** The group as configured: the seed for a new cluster (a started one keeps the configuration of its log). */
    public static RaftGroup seedGroup(RaftStoreConfig config) {
        List<RaftPeer> peers = new ArrayList<>();
        for (RaftStoreConfig.Member m : config.members()) {
            peers.add(peer(m, config.voters().contains(m.name())));
        }
        return RaftGroup.valueOf(GROUP_ID, peers);
    }

    /** Voter and listener peers for a new configuration, addresses from the configured members. */
    public static List<RaftPeer> peers(RaftStoreConfig config, Collection<String> names, boolean voter) {
        List<RaftPeer> out = new ArrayList<>();
        for (RaftStoreConfig.Member m : config.members()) {
            if (names.contains(m.name())) {
                out.add(peer(m, voter));
            }
        }
        return out;
    }

    public static RaftPeerId id(String member) {
        return RaftPeerId.valueOf(member);
    }

    static String hostPort(RaftStoreConfig.Member m) {
        return (m.host().contains(":") ? "[" + m.host() + "]" : m.host()) + ":" + m.port();
    }
}
