package io.cairn.core.internal.compute;

import java.util.Objects;
import java.util.Set;

/**
 * An operator's one-shot request to a VM's owner (reboot, hard power-off), kept in the consistent
 * store under {@code request/<vm>} so that only an authenticated, committed request makes a node
 * act: nothing read from Hazelcast does. The owner marks it taken (under its lease) before acting
 * and deletes it after, so one request acts at most once, even across a restart of the owner.
 *
 * @param id      the request id, also the id of the task that reports it
 * @param kind    {@link #REBOOT} or {@link #DESTROY}
 * @param takenBy the node that is carrying it out, or null while queued
 */
record VmRequestRecord(String id, String kind, String takenBy) {
    static final String REBOOT = "reboot";
    static final String DESTROY = "destroy";

    VmRequestRecord {
        Objects.requireNonNull(id, "id must not be null");
        if (!Set.of(REBOOT, DESTROY).contains(kind)) {
            throw new IllegalArgumentException("request kind must be reboot or destroy, was " + kind);
        }
    }

    VmRequestRecord takenBy(String node) {
        return new VmRequestRecord(id, kind, node);
    }
}
