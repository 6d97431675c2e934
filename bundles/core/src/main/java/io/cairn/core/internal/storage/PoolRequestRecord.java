package io.cairn.core.internal.storage;

import java.util.Objects;
import java.util.Set;

/**
 * An operator's one-shot request to a pool's owner (a scrub, a deletion), kept in the consistent store under
 * {@code storage/request/<pool>} so that only an authenticated, committed request makes a node act:
 * nothing read from Hazelcast does. The owner marks it taken (under its lease, at its epoch) before
 * acting and deletes it when done, as VM requests are ({@code VmRequestRecord}).
 *
 * @param id      the request id, also the id of the task that reports it
 * @param kind    {@link #SCRUB}, {@link #DELETE} or {@link #MOVE}
 * @param takenBy the node that is carrying it out, or null while queued
 * @param target  the node a {@link #MOVE} hands the pool to; null for the other kinds
 */
record PoolRequestRecord(String id, String kind, String takenBy, String target) {
    static final String SCRUB = "scrub";
    static final String DELETE = "delete";
    static final String MOVE = "move";

    PoolRequestRecord {
        Objects.requireNonNull(id, "id must not be null");
        if (!Set.of(SCRUB, DELETE, MOVE).contains(kind)) {
            throw new IllegalArgumentException("pool request kind must be scrub, delete or move, was " + kind);
        }
        if (MOVE.equals(kind) == (target == null)) {
            throw new IllegalArgumentException("a move request names its target node, and only a move does");
        }
    }

    PoolRequestRecord takenBy(String node) {
        return new PoolRequestRecord(id, kind, node, target);
    }
}
