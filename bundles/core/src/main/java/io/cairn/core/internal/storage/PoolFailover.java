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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves the pools of a node whose lease expired to a surviving member node (the one owning fewest
 * pools), as conditional ownership writes in the expiry's commit: the new owner gets a higher
 * epoch, the member exports switch to it, and only then can it import the pool.
 */
@Component(service = LeaseExpiryHandler.class)
public class PoolFailover implements LeaseExpiryHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PoolFailover.class);

    @Reference
    private PoolStore store;

    @Override
    public List<String> onExpiry(String dead, Set<String> liveNodes, List<StoreOp> ops) {
        Map<String, Pool> pools = store.localPools();
        Map<String, PoolOwnership> owners = new HashMap<>(store.localOwners());
        List<String> moved = new ArrayList<>();
        for (Map.Entry<String, PoolOwnership> e : Map.copyOf(owners).entrySet()) {
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
            String target = PoolPlacement.leastLoaded(survivors, owners);
            ops.add(store.move(pool.name(), target, e.getValue().epoch()));
            owners.put(pool.name(), new PoolOwnership(pool.name(), target, e.getValue().epoch()));
            moved.add("pool " + pool.name() + " -> " + target);
        }
        return moved;
    }
}
