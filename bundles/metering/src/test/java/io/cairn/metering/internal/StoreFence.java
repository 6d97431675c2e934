package io.cairn.metering.internal;

import io.cairn.api.common.UnavailableException;
import io.cairn.api.compute.VmOwnerFence;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.VersionConflictException;
import io.cairn.api.state.ConsistentStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The owner fence as core makes it, over an in-memory store: ownership records {@code owner/<vm>} checked at the
 * caller's epoch, and a lease that can be taken away.
 */
public final class StoreFence implements VmOwnerFence {
    final ConsistentStore store;
    private final String node;
    volatile boolean leaseValid = true;
    int commits;

    public StoreFence(ConsistentStore store, String node) {
        this.store = store;
        this.node = node;
    }

    /** Makes {@code node} the owner of {@code vm}; returns the epoch. */
    long own(String vm, String owner) {
        long current = store.getLocal("owner/" + vm).map(v -> v.version()).orElse(StoreOp.ABSENT);
        return store.put("owner/" + vm, owner, current);
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public long commitAsOwner(Map<String, Long> epochs, List<StoreOp> ops) {
        if (!leaseValid) {
            throw new UnavailableException("node " + node + " does not hold a valid lease");
        }
        List<StoreOp> all = new ArrayList<>(ops);
        epochs.forEach((vm, epoch) -> all.add(StoreOp.check("owner/" + vm, epoch)));
        commits++;
        try {
            return store.commit(all);
        } catch (VersionConflictException e) {
            if (e.key().startsWith("owner/")) {
                throw new OwnershipLostException(e.key().substring(6), e.getMessage());
            }
            throw e;
        }
    }
}
