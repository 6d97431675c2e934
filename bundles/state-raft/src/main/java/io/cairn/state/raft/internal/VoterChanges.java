package io.cairn.state.raft.internal;

import io.cairn.api.common.UnavailableException;
import io.cairn.api.state.StateMembership.Members;
import io.cairn.state.raft.RaftStoreConfig;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Voter changes through Ratis' membership change (joint consensus, one at a time): the rules of
 * {@link VoterChangeRules} first, then a new configuration whose voters are the old ones plus or minus one member
 * and whose listeners are every other configured member.
 */
public final class VoterChanges {
    private static final Logger LOG = LoggerFactory.getLogger(VoterChanges.class);

    private final RaftStoreConfig config;
    private final Supplier<RatisNode> node;
    private final HealthView health;

    public VoterChanges(RaftStoreConfig config, Supplier<RatisNode> node, HealthView health) {
        this.config = config;
        this.node = node;
        this.health = health;
    }

    public Members members() {
        List<String> voters = health.voters();
        List<String> learners = new ArrayList<>();
        for (RaftStoreConfig.Member m : config.members()) {
            if (!voters.contains(m.name())) {
                learners.add(m.name());
            }
        }
        return new Members(voters, learners, health.reachable(), health.leader());
    }

    public synchronized Members change(String member, boolean add) {
        Objects.requireNonNull(member, "member");
        Members now = members();
        VoterChangeRules.check(now, member, add,
                config.members().stream().map(RaftStoreConfig.Member::name).toList(), config.member());
        String problem = health.quorumProblem();
        if (problem != null) {
            throw new UnavailableException(problem);
        }
        List<String> voters = new ArrayList<>(now.voters());
        if (add) {
            voters.add(member);
        } else {
            voters.remove(member);
        }
        List<String> listeners = config.members().stream().map(RaftStoreConfig.Member::name)
                .filter(n -> !voters.contains(n)).toList();
        SetConfigurationRequest.Arguments args = SetConfigurationRequest.Arguments.newBuilder()
                .setServersInNewConf(RatisPeers.peers(config, voters, true))
                .setListenersInNewConf(RatisPeers.peers(config, listeners, false))
                .setMode(SetConfigurationRequest.Mode.SET_UNCONDITIONALLY)
                .build();
        RaftClientReply reply;
        try {
            reply = Tccl.call(() -> {
                try {
                    return node.get().client().admin().setConfiguration(args);
                } catch (IOException e) {
                    throw new UnavailableException("voter change failed: " + RaftErrors.rootMessage(e)
                            + "; check the voters again before retrying", e);
                }
            });
        } catch (RuntimeException e) {
            if (e instanceof UnavailableException) {
                throw e;
            }
            throw new UnavailableException("voter change failed: " + RaftErrors.rootMessage(e), e);
        }
        if (!reply.isSuccess()) {
            throw new UnavailableException("voter change refused by Raft: "
                    + RaftErrors.rootMessage(reply.getException()) + "; check the voters again before retrying");
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.writeTimeoutMillis());
        List<String> expected = voters.stream().sorted().toList();
        while (!health.voters().equals(expected) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10); // committed on the leader; this member applies it with the next append
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        LOG.info("Raft voters are now {} ({} {})", health.voters(), add ? "added" : "removed", member);
        return members();
    }
}
