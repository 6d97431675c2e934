package io.cairn.core.internal.compute;

import io.cairn.api.common.UnsatisfiableException;
import io.cairn.api.compute.Ownership;
import io.cairn.api.node.NodeInfo;
import io.cairn.api.node.NodeService;
import io.cairn.api.state.StoreOp;
import io.cairn.core.internal.fencing.LeaseExpiryHandler;
import io.cairn.core.internal.storage.PoolFailover;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses new owners for the HA VMs of a node whose lease expired. It only adds conditional
 * ownership writes to the expiry's commit (it is a {@link LeaseExpiryHandler}), so the move
 * happens together with the expiry or not at all. Each new ownership record gets a new version:
 * a higher epoch than the dead owner's.
 */
@Component(service = LeaseExpiryHandler.class, configurationPid = NodeConfig.PID)
public class Failover implements LeaseExpiryHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Failover.class);

    @Reference
    private VmStore vms;
    @Reference
    private NodeService nodes;
    // where the pools of the dead node go in the same expiry: a VM with disks follows its pool
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile PoolFailover pools;

    private MemoryBudget memory = MemoryBudget.reserving(1024);

    public Failover() {
    }

    /** Outside OSGi (tests). */
    Failover(VmStore vms, NodeService nodes, long reserveMiB) {
        this(vms, nodes, reserveMiB, null);
    }

    /** Outside OSGi (tests), with the pool failover a VM with disks follows. */
    Failover(VmStore vms, NodeService nodes, long reserveMiB, PoolFailover pools) {
        this.pools = pools;
        this.vms = vms;
        this.nodes = nodes;
        this.memory = MemoryBudget.reserving(reserveMiB);
    }

    @Activate
    void activate(NodeConfig config) {
        memory = NodeSettings.from(config).memoryBudget();
    }

    /** Adds to {@code ops} the ownership moves of {@code dead}'s HA VMs; returns what moves where. */
    @Override
    public List<String> onExpiry(String dead, Set<String> liveNodes, List<StoreOp> ops) {
        Map<String, VmStore.Entry> all = vms.localVms();
        Map<String, Ownership> owners = vms.localOwners();
        // capacity from the node registry, liveness from the leases alone
        List<NodeInfo> candidates = nodes.nodes().stream()
                .filter(n -> !n.name().equals(dead) && liveNodes.contains(n.name())).toList();
        Map<String, Long> committed = vms.committedMemory();
        List<String> moved = new ArrayList<>();
        for (Map.Entry<String, Ownership> e : owners.entrySet()) {
            VmStore.Entry entry = all.get(e.getKey());
            if (!e.getValue().node().equals(dead) || entry == null || !entry.vm().spec().ha()) {
                continue;
            }
            List<NodeInfo> allowed = candidates;
            java.util.Optional<String> pool = entry.vm().spec().diskPool();
            if (pool.isPresent()) {
                PoolFailover p = pools;
                java.util.Optional<String> poolOwner = p == null ? java.util.Optional.empty()
                        : p.ownerAfterExpiry(pool.get(), dead, liveNodes);
                if (poolOwner.isEmpty()) {
                    LOG.warn("HA VM {} of node {} stays put: its disks' pool {} has no live owner after the expiry",
                            e.getKey(), dead, pool.get());
                    continue;
                }
                allowed = candidates.stream().filter(n -> n.name().equals(poolOwner.get())).toList();
            }
            try {
                String target = Placement.choose(entry.vm().spec(), allowed, committed, memory);
                ops.add(vms.move(e.getKey(), entry.vm().id(), target, e.getValue().epoch()));
                committed.merge(target, entry.vm().spec().memoryMiB(), Long::sum);
                moved.add(e.getKey() + " -> " + target);
            } catch (UnsatisfiableException ex) {
                LOG.warn("HA VM {} of node {} stays put: {}", e.getKey(), dead, ex.getMessage());
            }
        }
        return moved;
    }
}
