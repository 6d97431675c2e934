package io.cairn.core.internal.storage;

import io.cairn.api.state.StoreOp;
import io.cairn.api.storage.PoolOwnership;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.Optional;

/**
 * For work other areas do on a pool's owner (a VM's snapshots): who owns the pool at which epoch,
 * and the condition that makes a commit apply only while that ownership stands, so a node that lost
 * the pool never records that it acted on it.
 */
@Component(service = PoolOwnerFence.class)
public class PoolOwnerFence {
    @Reference
    private PoolStore store;

    public PoolOwnerFence() {
    }

    PoolOwnerFence(PoolStore store) {
        this.store = store;
    }

    /** Outside OSGi (tests of other areas): over the storage keyspace of {@code store}. */
    public static PoolOwnerFence over(io.cairn.api.state.ConsistentStore store) {
        return new PoolOwnerFence(new PoolStore(store));
    }

    /** The owner as this node's replica has it (a cheap look before taking a request). */
    public Optional<PoolOwnership> localOwner(String pool) {
        return Optional.ofNullable(store.localOwners().get(pool));
    }

    /** The owner, linearizable. */
    public Optional<PoolOwnership> owner(String pool) {
        return store.owner(pool);
    }

    /** A condition that {@code pool} is still owned at {@code epoch}, changing nothing. */
    public StoreOp check(String pool, long epoch) {
        return StoreOp.check(PoolKeys.owner(pool), epoch);
    }
}
