package io.cairn.core.internal.storage;

import io.cairn.api.common.UnavailableException;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.VersionConflictException;
import io.cairn.api.storage.PoolObservation;
import io.cairn.api.storage.PoolOwnership;
import io.cairn.api.storage.ScrubStatus;
import io.cairn.api.storage.StorageDriver;
import io.cairn.api.task.Task;
import io.cairn.core.internal.task.TaskManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * On a pool's owner, after the pool is imported: carries out a scrub request from the store and
 * follows the scrub to its end. The request is taken under this node's lease and at the owner's
 * epoch before the driver is called, so a node that lost the pool (or its lease) never acts on it,
 * and one request scrubs at most once per owner; it is deleted when the scrub has completed, and the
 * task then reports the bytes repaired and the errors found.
 */
final class PoolScrubs {
    private static final Logger LOG = LoggerFactory.getLogger(PoolScrubs.class);
    static final String TASK_KIND = "pool.scrub";

    private final PoolStore store;
    private final TaskManager tasks;
    private final ToLongFunction<List<StoreOp>> underLease;
    private final String self;
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    /** A scrub this node started: its taken request, its task and the scan line before it started. */
    private record Running(PoolStore.Request request, Task task, String summaryBefore) {
    }

    PoolScrubs(PoolStore store, TaskManager tasks, ToLongFunction<List<StoreOp>> underLease, String self) {
        this.store = store;
        this.tasks = tasks;
        this.underLease = underLease;
        this.self = self;
    }

    /** One pass on the owner of an imported pool: start a requested scrub, or follow the one running. */
    void pass(StorageDriver driver, String pool, PoolOwnership owner) {
        Running r = running.get(pool);
        if (r != null) {
            follow(driver, pool, r);
            return;
        }
        if (store.localRequest(pool).isEmpty()) {
            return; // nothing asked (cheap, from the replica); a request just written wakes a pass anyway
        }
        Optional<PoolStore.Request> request;
        try {
            request = store.request(pool);
        } catch (UnavailableException e) {
            return; // cut off: taking it needs a commit under the lease anyway
        }
        if (request.isEmpty() || !PoolRequestRecord.SCRUB.equals(request.get().request().kind())) {
            return; // none, or a deletion (PoolDeletes)
        }
        PoolRequestRecord asked = request.get().request();
        Task task = tasks.task(asked.id()).orElseGet(() -> tasks.submit(asked.id(), TASK_KIND, pool, self));
        if (self.equals(asked.takenBy())) {
            // taken by this node before its restart: its zfs-fuse was restarted too, and the scrub with it
            store.finish(pool, request.get());
            tasks.failed(task, "interrupted by a restart of " + self + "; not repeated: ask for a new scrub");
            return;
        }
        PoolStore.Request taken;
        try {
            taken = store.take(pool, request.get(), self, owner.epoch(), underLease);
        } catch (VersionConflictException e) {
            LOG.info("Pool {}: scrub request {} not taken by {} at epoch {}: {}", pool, asked.id(), self, owner.epoch(),
                    e.getMessage());
            return; // the pool moved or the request changed: the next pass reads both again
        } catch (UnavailableException e) {
            LOG.warn("Pool {}: scrub request {} waits: {}", pool, asked.id(), e.getMessage());
            return;
        }
        String before = scan(driver, pool).summary();
        try {
            driver.scrub(pool);
        } catch (RuntimeException e) {
            store.finish(pool, taken);
            tasks.failed(task, "scrub of pool " + pool + " on " + self + " did not start: " + message(e));
            throw e;
        }
        LOG.info("Pool {}: scrub started on {} at epoch {} (task {})", pool, self, owner.epoch(), asked.id());
        tasks.running(task, "scrubbing pool " + pool + " on " + self + " at epoch " + owner.epoch());
        running.put(pool, new Running(taken, task, before));
    }

    /** This node no longer owns {@code pool} (or it is not imported): it follows its scrub no more. */
    void forget(String pool) {
        Running r = running.remove(pool);
        if (r != null) {
            LOG.warn("Pool {}: no longer imported by {}; its scrub (task {}) is left to the pool's owner", pool, self,
                    r.task().id());
        }
    }

    private void follow(StorageDriver driver, String pool, Running r) {
        ScrubStatus scan = scan(driver, pool);
        if (scan.state() == ScrubStatus.State.RUNNING) {
            tasks.running(r.task(), scan.kind() + " of pool " + pool + " on " + self + ": " + scan.summary());
            return;
        }
        if (scan.summary().equals(r.summaryBefore())) {
            return; // zpool status does not show this scrub yet
        }
        running.remove(pool);
        store.finish(pool, r.request());
        if (!scan.kind().equals("scrub")) {
            tasks.failed(r.task(), "the scrub of pool " + pool + " was replaced by a " + scan.kind() + " ("
                    + scan.summary() + "); ask for a new scrub once it has completed");
            return;
        }
        String outcome = "repaired " + scan.repairedBytes() + " bytes, " + scan.errors() + " errors (" + scan.summary() + ")";
        LOG.info("Pool {}: scrub on {} ended: {}", pool, self, outcome);
        if (scan.errors() == 0) {
            tasks.succeeded(r.task(), "scrub of pool " + pool + " completed on " + self + ": " + outcome);
        } else {
            tasks.failed(r.task(), "the scrub of pool " + pool + " found errors it could not repair: " + outcome
                    + "; see zpool status on " + self);
        }
    }

    private static ScrubStatus scan(StorageDriver driver, String pool) {
        return driver.observe(pool).map(PoolObservation::scrub).orElse(ScrubStatus.NONE);
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
