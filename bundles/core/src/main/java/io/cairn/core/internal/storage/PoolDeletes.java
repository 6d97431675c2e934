package io.cairn.core.internal.storage;

import io.cairn.api.common.UnavailableException;
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

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * On a pool's owner: carries out a delete request from the store. The request is taken under this
 * node's lease at the owner's epoch, the pool is checked again for VMs with disks on it (one may have
 * been created after the request was accepted), then destroyed, its members' attachments dropped and
 * its records removed in one commit under the lease; the member nodes stop serving their disks when
 * they see the pool gone ({@link PoolReconciler}). A refusal or a failure ends the task and removes
 * the request, leaving the pool as it was.
 */
final class PoolDeletes {
    private static final Logger LOG = LoggerFactory.getLogger(PoolDeletes.class);
    static final String TASK_KIND = "pool.delete";

    private final PoolStore store;
    private final PoolStatusBoard statuses;
    private final TaskManager tasks;
    private final ToLongFunction<List<StoreOp>> underLease;
    private final Function<String, List<String>> vmsWithDisksOn;
    private final String self;
    /** The records that go with a pool (its images'): removed in the commit that removes the pool. */
    private final Function<String, List<StoreOp>> alsoRemoved;

    PoolDeletes(PoolStore store, PoolStatusBoard statuses, TaskManager tasks, ToLongFunction<List<StoreOp>> underLease,
                Function<String, List<String>> vmsWithDisksOn, String self) {
        this(store, statuses, tasks, underLease, vmsWithDisksOn, self, pool -> List.of());
    }

    PoolDeletes(PoolStore store, PoolStatusBoard statuses, TaskManager tasks, ToLongFunction<List<StoreOp>> underLease,
                Function<String, List<String>> vmsWithDisksOn, String self, Function<String, List<StoreOp>> alsoRemoved) {
        this.alsoRemoved = alsoRemoved;
        this.store = store;
        this.statuses = statuses;
        this.tasks = tasks;
        this.underLease = underLease;
        this.vmsWithDisksOn = vmsWithDisksOn;
        this.self = self;
    }

    /**
     * True when the pool was deleted in this pass (the caller then leaves it alone). A pool that is
     * not imported here is deleted only when this node had taken the request already (it destroyed the
     * pool, or restarted, before the records were removed); otherwise the owner imports it first.
     */
    boolean pass(StorageDriver driver, DiskExportDriver exports, Pool pool, PoolOwnership owner, boolean imported) {
        String name = pool.name();
        Optional<PoolStore.Request> local = store.localRequest(name);
        if (local.isEmpty() || !PoolRequestRecord.DELETE.equals(local.get().request().kind())) {
            return false;
        }
        Optional<PoolStore.Request> request;
        try {
            request = store.request(name);
        } catch (UnavailableException e) {
            return false; // cut off: taking it needs a commit under the lease anyway
        }
        if (request.isEmpty() || !PoolRequestRecord.DELETE.equals(request.get().request().kind())) {
            return false;
        }
        PoolRequestRecord asked = request.get().request();
        if (!imported && !self.equals(asked.takenBy())) {
            return false;
        }
        Task task = tasks.task(asked.id()).orElseGet(() -> tasks.submit(asked.id(), TASK_KIND, name, self));
        PoolStore.Request taken;
        try {
            taken = self.equals(asked.takenBy()) ? request.get()
                    : store.take(name, request.get(), self, owner.epoch(), underLease);
        } catch (VersionConflictException e) {
            LOG.info("Pool {}: delete request {} not taken by {} at epoch {}: {}", name, asked.id(), self,
                    owner.epoch(), e.getMessage());
            return false;
        } catch (UnavailableException e) {
            LOG.warn("Pool {}: delete request {} waits: {}", name, asked.id(), e.getMessage());
            return false;
        }
        List<String> users;
        try {
            users = vmsWithDisksOn.apply(name);
        } catch (UnavailableException e) {
            LOG.warn("Pool {}: delete request {} waits for the VM list: {}", name, asked.id(), e.getMessage());
            return false;
        }
        if (!users.isEmpty()) {
            store.finish(name, taken);
            tasks.failed(task, "pool " + name + " was not deleted: VMs have disks on it: " + String.join(", ", users)
                    + "; delete them first");
            return false;
        }
        if (imported) {
            tasks.running(task, "destroying pool " + name + " on " + self);
            try {
                driver.destroyPool(name);
            } catch (RuntimeException e) {
                store.finish(name, taken);
                tasks.failed(task, "pool " + name + " was not destroyed on " + self + ": " + message(e));
                throw e;
            }
        }
        for (PoolMember m : pool.members()) {
            exports.detach(name, m.node());
        }
        try {
            store.remove(name, owner.epoch(), taken, alsoRemoved.apply(name), underLease);
        } catch (RuntimeException e) {
            // destroyed but still recorded: the request stays taken by this node, and the next pass
            // (nothing imported: no destroy) commits the removal again
            LOG.warn("Pool {}: destroyed on {}, its records not yet removed ({}); retrying", name, self, message(e));
            throw e;
        }
        statuses.remove(name);
        LOG.info("Pool {}: destroyed on {} at epoch {} and removed from the store (task {})", name, self,
                owner.epoch(), asked.id());
        tasks.succeeded(task, "pool " + name + " destroyed on " + self + "; its " + pool.members().size()
                + " member disks are free");
        return true;
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
