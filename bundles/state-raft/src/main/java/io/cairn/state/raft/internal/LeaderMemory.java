package io.cairn.state.raft.internal;

/**
 * The leader of the current term as this member last heard of it. Ratis forgets the leader when a
 * follower that missed heartbeats (a busy host, a GC pause) starts a pre-vote, and learns it again
 * only from the leader's next append; the pre-vote changes no term, and a term has at most one
 * leader, so until the term changes that leader is still the one to send requests to. Routing
 * only: whether a write commits or a read is linearizable is decided by Ratis alone.
 */
final class LeaderMemory {
    private record Known(String leader, long term) {
    }

    private final String self;
    private volatile Known known;

    LeaderMemory(String self) {
        this.self = self;
    }

    /**
     * @param reported the leader Ratis reports now, or null
     * @param term     this member's current term
     * @return the leader to use: the reported one, else the one heard of in this same term (never
     * this member itself once Ratis no longer calls it leader), else null
     */
    String leader(String reported, long term) {
        if (reported != null) {
            Known k = known;
            if (k == null || !k.leader().equals(reported) || k.term() != term) {
                known = new Known(reported, term);
            }
            return reported;
        }
        Known k = known;
        return k != null && k.term() == term && !k.leader().equals(self) ? k.leader() : null;
    }
}
