package io.cairn.core.internal.storage;

import io.cairn.api.state.StoreOp;
import io.cairn.api.storage.Pool;
import io.cairn.api.storage.PoolMember;
import io.cairn.api.storage.PoolOwnership;
import io.cairn.core.internal.fencing.LeaseExpiryHandler;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Moves the pools of a node whose lease expired to a surviving member node (the one owning fewest
 * pools), as conditional ownership writes in the expiry's commit: the new owner gets a higher
 * epoch, the member exports switch to it, and only then can it import the pool. The choice is a
 * function of the local replica, so the VM failover of the same expiry ({@link #ownerAfterExpiry})
 * sends a VM with disks to where its pool goes.
 */
@Component(service = {LeaseExpiryHandler.class, PoolFailover.class})
public class PoolFailover implements LeaseExpiryHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PoolFailover.class);

    @Reference
    private PoolStore store;

    public PoolFailover() {
    }

    /** Outside OSGi (tests). */
    PoolFailover(PoolStore store) {
        this.store = store;
    }

    @Override
    public List<String> onExpiry(String dead, Set<String> liveNodes, List<StoreOp> ops) {
        Map<String, PoolOwnership> owners = store.localOwners();
        List<String> moved = new ArrayList<>();
        targets(dead, liveNodes).forEach((pool, target) -> {
            ops.add(store.move(pool, target, owners.get(pool).epoch()));
            moved.add("pool " + pool + " -> " + target);
        });
        return moved;
    }

    /**
     * The node that owns {@code pool} once {@code dead}'s lease expired: its new owner if it was
     * {@code dead}'s, its owner if that is live; empty when it has no live owner then.
     */
    public Optional<String> ownerAfterExpiry(String pool, String dead, Set<String> liveNodes) {
        PoolOwnership owner = store.localOwners().get(pool);
        if (owner == null) {
            return Optional.empty();
        }
        if (owner.node().equals(dead)) {
            return Optional.ofNullable(targets(dead, liveNodes).get(pool));
        }
        return liveNodes.contains(owner.node()) ? Optional.of(owner.node()) : Optional.empty();
    }

    /** Where each of {@code dead}'s pools goes, in pool name order; pools with too few live members stay put. */
    Map<String, String> targets(String dead, Set<String> liveNodes) {
        Map<String, Pool> pools = store.localPools();
        Map<String, PoolOwnership> owners = new HashMap<>(store.localOwners());
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, PoolOwnership> e : new TreeMap<>(owners).entrySet()) {
            Pool pool = pools.get(e.getKey());
            if (pool == null || !e.getValue().node().equals(dead)) {
                continue;
            }
            List<PoolMember> survivors = pool.members().stream()
                    .filter(m -> !m.node().equals(dead) && liveNodes.contains(m.node())).toList();
            if (survivors.size() < pool.members().size() - pool.spec().redundancy()) {
                LOG.warn("Pool {} of node {} stays put: only {} of {} members live, raidz{} needs {}", pool.name(), dead,
                        survivors.size(), pool.members().size(), pool.spec().redundancy(),
                        pool.members().size() - pool.spec().redundancy());
                continue;
            }
            String target = movingTo(pool.name(), survivors).orElseGet(() -> PoolPlacement.leastLoaded(survivors, owners));
            owners.put(pool.name(), new PoolOwnership(pool.name(), target, e.getValue().epoch()));
            out.put(pool.name(), target);
        }
        return out;
    }

    /**
     * The target of a move of {@code pool} under way when its owner died, if it survives: the move may
     * have handed the pool's VMs to it already, and they can run only where the pool is.
     */
    private Optional<String> movingTo(String pool, List<PoolMember> survivors) {
        return store.localRequest(pool).map(PoolStore.Request::request)
                .filter(r -> PoolRequestRecord.MOVE.equals(r.kind()) && r.takenBy() != null)
                .map(PoolRequestRecord::target)
                .filter(t -> survivors.stream().anyMatch(m -> m.node().equals(t)));
    }
}
