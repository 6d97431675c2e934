package io.cairn.core.internal.storage;

import io.cairn.api.common.UnavailableException;
import io.cairn.api.node.NodeInfo;
import io.cairn.api.node.NodeState;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.VersionConflictException;
import io.cairn.api.storage.DiskExportDriver;
import io.cairn.api.storage.Pool;
import io.cairn.api.storage.PoolMember;
import io.cairn.api.storage.PoolOwnership;
import io.cairn.api.storage.StorageDriver;
import io.cairn.api.task.Task;
import io.cairn.core.internal.task.TaskManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * On a pool's owner: carries out a move request from the store, in steps that each survive a
 * restart of this node (the request stays taken by it until the hand-over):
 * <ol>
 *   <li>the request is taken under this node's lease at the owner's epoch, and the target checked
 *       again (a member of the pool, up);</li>
 *   <li>the VMs with disks on the pool are handed to the target under the lease (their epochs rise:
 *       this node powers their domains off and can never start them again; the target cannot start
 *       them before it has imported the pool);</li>
 *   <li>once none of their domains is alive here, the pool is exported and its members detached;</li>
 *   <li>the pool itself is handed over with the request removed, in one commit under the lease: the
 *       member exports switch to the target, which imports it and starts the VMs meant to run.</li>
 * </ol>
 * Should this node die between the steps, the pool's failover sends the pool where its VMs went
 * ({@link PoolFailover} prefers a taken move's target).
 */
final class PoolMoves {
    private static final Logger LOG = LoggerFactory.getLogger(PoolMoves.class);
    static final String TASK_KIND = "pool.move";

    /** The VM side of a move (compute's {@code VmRelocations}). */
    interface Vms {
        List<String> withDisksOn(String pool);

        List<StoreOp> handTo(List<String> names, String target);

        List<String> aliveHere(List<String> names);
    }

    private final PoolStore store;
    private final TaskManager tasks;
    private final ToLongFunction<List<StoreOp>> underLease;
    private final Vms vms;
    private final Function<String, Optional<NodeInfo>> nodes;
    private final String self;

    PoolMoves(PoolStore store, TaskManager tasks, ToLongFunction<List<StoreOp>> underLease, Vms vms,
              Function<String, Optional<NodeInfo>> nodes, String self) {
        this.store = store;
        this.tasks = tasks;
        this.underLease = underLease;
        this.vms = vms;
        this.nodes = nodes;
        this.self = self;
    }

    /**
     * True while a move of the pool is under way here (the caller then leaves the pool alone: it must
     * not import it again). A pool that is not imported here moves only when this node had taken the
     * request already (it exported the pool, or restarted, before the hand-over); otherwise the owner
     * imports it first.
     */
    boolean pass(StorageDriver driver, DiskExportDriver exports, Pool pool, PoolOwnership owner, boolean imported) {
        String name = pool.name();
        Optional<PoolStore.Request> local = store.localRequest(name);
        if (local.isEmpty() || !PoolRequestRecord.MOVE.equals(local.get().request().kind())) {
            return false;
        }
        Optional<PoolStore.Request> request;
        try {
            request = store.request(name);
        } catch (UnavailableException e) {
            return !imported; // cut off: an exported pool waits here for the hand-over, never imported again
        }
        if (request.isEmpty() || !PoolRequestRecord.MOVE.equals(request.get().request().kind())) {
            return false;
        }
        PoolRequestRecord asked = request.get().request();
        boolean mine = self.equals(asked.takenBy());
        if (!imported && !mine) {
            return false;
        }
        String target = asked.target();
        Task task = tasks.task(asked.id()).orElseGet(() -> tasks.submit(asked.id(), TASK_KIND, name, self));
        PoolStore.Request taken;
        try {
            taken = mine ? request.get() : store.take(name, request.get(), self, owner.epoch(), underLease);
        } catch (VersionConflictException e) {
            LOG.info("Pool {}: move request {} not taken by {} at epoch {}: {}", name, asked.id(), self,
                    owner.epoch(), e.getMessage());
            return false;
        } catch (UnavailableException e) {
            LOG.warn("Pool {}: move request {} waits: {}", name, asked.id(), e.getMessage());
            return !imported;
        }
        if (!mine) {
            String refusal = refusal(pool, target);
            if (refusal != null) {
                store.finish(name, taken);
                tasks.failed(task, "pool " + name + " was not moved to " + target + ": " + refusal);
                return false;
            }
        }
        List<String> users = vms.withDisksOn(name);
        List<StoreOp> handOff = new ArrayList<>(vms.handTo(users, target));
        if (!handOff.isEmpty()) {
            handOff.add(store.ownerCheck(name, owner.epoch()));
            tasks.running(task, "handing " + users.size() + " VM(s) to " + target + ": " + String.join(", ", users));
            underLease.applyAsLong(handOff);
            LOG.info("Pool {}: VMs {} handed to {} ahead of the pool", name, users, target);
        }
        List<String> alive = vms.aliveHere(users);
        if (!alive.isEmpty()) {
            tasks.running(task, "waiting for the domains of " + String.join(", ", alive) + " to stop on " + self);
            return true; // the next pass looks again (this node's reconciler powers them off)
        }
        if (imported) {
            tasks.running(task, "exporting pool " + name + " on " + self);
            driver.exportPool(name);
        }
        for (PoolMember m : pool.members()) {
            exports.detach(name, m.node());
        }
        store.handOver(name, target, owner.epoch(), taken, underLease);
        LOG.info("Pool {}: handed from {} (epoch {}) to {} with its VMs {} (task {})", name, self, owner.epoch(),
                target, users, asked.id());
        tasks.succeeded(task, "pool " + name + " moved from " + self + " to " + target
                + (users.isEmpty() ? "" : "; its VMs follow it: " + String.join(", ", users)));
        return true;
    }

    /** Why the pool cannot move to {@code target} now; null when it can. */
    private String refusal(Pool pool, String target) {
        if (target.equals(self)) {
            return target + " owns it already";
        }
        if (pool.memberOf(target).isEmpty()) {
            return target + " gives it no disk";
        }
        Optional<NodeInfo> node = nodes.apply(target);
        if (node.isEmpty() || node.get().state() != NodeState.UP) {
            return target + " is " + node.map(n -> n.state().name()).orElse("unknown");
        }
        return null;
    }
}
