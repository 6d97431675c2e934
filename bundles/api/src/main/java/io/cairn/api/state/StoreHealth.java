package io.cairn.api.state;

import java.util.List;

/**
 * How this node sees the store.
 *
 * @param member        this node's Raft id
 * @param leader        the current leader's id, or null if none is known
 * @param voters        the voting members
 * @param writable      true if this node can reach a majority and writes can commit
 * @param commitIndex   the highest log index known committed
 * @param appliedIndex  the highest log index applied locally
 * @param stalenessMillis how old a local read may be: 0 on the leader, the time since the last
 *                      message from the leader elsewhere, -1 if no leader has been heard
 */
public record StoreHealth(String member, String leader, List<String> voters, boolean writable,
                          long commitIndex, long appliedIndex, long stalenessMillis) {
    public StoreHealth {
        voters = List.copyOf(voters);
    }
}
