package io.cairn.api.compute;

import java.time.Instant;
import java.util.Objects;

/**
 * What the owning node observes of a VM.
 *
 * @param state     observed state
 * @param node      node that reported it, or null if no node has
 * @param since     when the VM entered this state
 * @param lastError the last error met while driving the VM, or null
 */
public record VmStatus(VmState state, String node, Instant since, String lastError) {
    public VmStatus {
        Objects.requireNonNull(state, "state must not be null");
        Objects.requireNonNull(since, "since must not be null");
    }
}
