package io.cairn.state.raft;

import org.apache.ratis.util.CodeInjectionForTesting;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cuts members off the Raft traffic of the others in one JVM: every AppendEntries (heartbeats included, so ReadIndex
 * too) and RequestVote to or from an isolated member fails at the receiving server, as if the link were down.
 * Client requests a member makes to itself still arrive.
 */
final class Partition {
    private static final Set<String> ISOLATED = ConcurrentHashMap.newKeySet();
    private static final Set<String> LAGGING = ConcurrentHashMap.newKeySet();
    /** One side of a split: traffic between a member inside and one outside is cut (empty: no split). */
    private static final Set<String> SIDE = ConcurrentHashMap.newKeySet();

    static {
        CodeInjectionForTesting.Code cut = (local, remote, args) -> {
            // (local id, then the requestor among the other arguments, as RaftPeerIds)
            boolean cutOff = ISOLATED.contains(String.valueOf(local)) || ISOLATED.contains(String.valueOf(remote));
            if (!SIDE.isEmpty() && remote != null
                    && SIDE.contains(String.valueOf(remote)) != SIDE.contains(String.valueOf(local))) {
                cutOff = true;
            }
            for (Object a : args) {
                cutOff |= a instanceof org.apache.ratis.protocol.RaftPeerId && ISOLATED.contains(a.toString());
                cutOff |= a instanceof org.apache.ratis.protocol.RaftPeerId && !SIDE.isEmpty()
                        && SIDE.contains(a.toString()) != SIDE.contains(String.valueOf(local));
            }
            if (cutOff) {
                throw new IllegalStateException("link to " + local + " is cut (test)");
            }
            return false;
        };
        CodeInjectionForTesting.put(point("APPEND_ENTRIES"), (local, remote, args) -> {
            if (LAGGING.contains(String.valueOf(local))) {
                throw new IllegalStateException(local + " takes no entries (test)");
            }
            return cut.execute(local, remote, args);
        });
        CodeInjectionForTesting.put(point("REQUEST_VOTE"), cut);
    }

    /** The name of a code injection point of RaftServerImpl (a package-private constant). */
    private static String point(String field) {
        try {
            java.lang.reflect.Field f = Class.forName("org.apache.ratis.server.impl.RaftServerImpl")
                    .getDeclaredField(field);
            f.setAccessible(true);
            return (String) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Ratis has no injection point " + field, e);
        }
    }

    private Partition() {
    }

    static void isolate(String member) {
        ISOLATED.add(member);
    }

    static void heal(String member) {
        ISOLATED.remove(member);
        LAGGING.remove(member);
    }

    /** The member takes no more log entries (it falls behind), while its other traffic, ReadIndex included, flows. */
    static void lag(String member) {
        LAGGING.add(member);
    }

    /** Splits the members in two: {@code side} still talk among themselves, and the others among themselves. */
    static void split(Set<String> side) {
        SIDE.clear();
        SIDE.addAll(side);
    }

    static void healAll() {
        ISOLATED.clear();
        LAGGING.clear();
        SIDE.clear();
    }
}
