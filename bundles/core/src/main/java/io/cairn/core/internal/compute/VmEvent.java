package io.cairn.core.internal.compute;

import io.cairn.api.common.DnsLabel;
import java.util.Objects;

/**
 * A change in the VM keyspace, as {@link VmStore} reports it: what changed, and of which VM.
 *
 * @param kind what changed
 * @param vm   the VM's name
 */
public record VmEvent(Kind kind, String vm) {
    /** What changed. */
    public enum Kind {
        /** The VM's record was written: created, or its wanted state changed. */
        SPEC_CHANGED,
        /** The VM's record was deleted. */
        REMOVED,
        /** Its ownership record was written (a claim, a move) or deleted. */
        OWNER_CHANGED,
        /** A reboot or power-off request was written, taken or cleared. */
        REQUEST_CHANGED
    }

    public VmEvent {
        Objects.requireNonNull(kind, "kind must not be null");
        DnsLabel.require(vm, "vm");
    }
}
