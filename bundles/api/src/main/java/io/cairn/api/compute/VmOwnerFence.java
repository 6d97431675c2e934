package io.cairn.api.compute;

import io.cairn.api.state.StoreOp;

import java.util.List;
import java.util.Map;

/**
 * Writes that only the current owner of some VMs may make (since 1.2): core commits them together with a renewal
 * of this node's lease and a check that each VM is still owned at the epoch the caller read, so a cut-off or
 * superseded owner can never slip one in.
 */
public interface VmOwnerFence {
    /** The name of this node. */
    String node();

    /**
     * Commits {@code ops} atomically only while this node holds its lease and every VM in {@code epochs} (name →
     * epoch of its {@link Ownership}) is still owned by this node at that epoch.
     *
     * @return the log index of the commit
     * @throws OwnershipLostException                    when a VM's ownership moved on (nothing applied)
     * @throws io.cairn.api.state.VersionConflictException when a condition of {@code ops} failed (nothing applied)
     * @throws io.cairn.api.common.UnavailableException   when this node holds no valid lease or no majority
     */
    long commitAsOwner(Map<String, Long> epochs, List<StoreOp> ops);

    /** A VM is no longer owned by this node at the epoch given; nothing was applied. */
    class OwnershipLostException extends io.cairn.api.common.ConflictException {
        private static final long serialVersionUID = 1L;
        private final String vm;

        public OwnershipLostException(String vm, String message) {
            super(message);
            this.vm = vm;
        }

        /** The VM whose ownership moved on. */
        public String vm() {
            return vm;
        }
    }
}
