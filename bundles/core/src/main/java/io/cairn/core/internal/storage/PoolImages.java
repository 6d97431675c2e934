package io.cairn.core.internal.storage;

import io.cairn.api.common.UnavailableException;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.VersionConflictException;
import io.cairn.api.storage.Image;
import io.cairn.api.storage.ImageFile;
import io.cairn.api.storage.PoolOwnership;
import io.cairn.api.storage.StorageDriver;
import io.cairn.api.task.Task;
import io.cairn.core.internal.task.TaskManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * On a pool's owner, after the pool is imported: carries out the image requests of that pool. Each
 * is taken under this node's lease at the owner's epoch before the driver is called; an import is
 * recorded (the image, the request removed) in one commit under the lease, a deletion is checked again
 * for VMs with disks cloned from the image before the driver destroys it. A refusal or failure ends
 * the task with its reason and removes the request, leaving the pool and the records as they were.
 */
final class PoolImages {
    private static final Logger LOG = LoggerFactory.getLogger(PoolImages.class);
    static final String IMPORT_TASK = "image.import";
    static final String DELETE_TASK = "image.delete";

    private final ImageStore images;
    private final PoolStore pools;
    private final TaskManager tasks;
    private final ToLongFunction<List<StoreOp>> underLease;
    private final Function<String, List<String>> vmsUsing;
    private final String self;

    PoolImages(ImageStore images, PoolStore pools, TaskManager tasks, ToLongFunction<List<StoreOp>> underLease,
               Function<String, List<String>> vmsUsing, String self) {
        this.images = images;
        this.pools = pools;
        this.tasks = tasks;
        this.underLease = underLease;
        this.vmsUsing = vmsUsing;
        this.self = self;
    }

    static String taskKind(ImageRequestRecord r) {
        return r.imports() ? IMPORT_TASK : DELETE_TASK;
    }

    /** One pass on the owner of the imported {@code pool}: each of its image requests, one after the other. */
    void pass(StorageDriver driver, String pool, PoolOwnership owner) {
        for (ImageStore.Request local : images.localRequests()) {
            if (local.request().pool().equals(pool)) {
                carryOut(driver, pool, owner, local.request().image());
            }
        }
    }

    private void carryOut(StorageDriver driver, String pool, PoolOwnership owner, String name) {
        Optional<ImageStore.Request> request;
        try {
            request = images.request(name);
        } catch (UnavailableException e) {
            return; // cut off: taking it needs a commit under the lease anyway
        }
        if (request.isEmpty() || !request.get().request().pool().equals(pool)) {
            return;
        }
        ImageRequestRecord asked = request.get().request();
        Task task = tasks.task(asked.id()).orElseGet(() -> tasks.submit(asked.id(), taskKind(asked), name, self));
        StoreOp ownerCheck = pools.ownedAt(pool, owner.epoch());
        if (asked.imports() && self.equals(asked.takenBy())) {
            // taken by this node before it restarted: the conversion died with it; nothing was recorded
            try {
                driver.destroyImage(pool, name);
            } finally {
                images.finish(request.get());
                removeSpooled(asked);
            }
            tasks.failed(task, "the import of image " + name + " was interrupted by a restart of " + self
                    + "; import it again");
            return;
        }
        ImageStore.Request taken;
        try {
            taken = self.equals(asked.takenBy()) ? request.get() : images.take(request.get(), self, ownerCheck, underLease);
        } catch (VersionConflictException e) {
            LOG.info("Image {}: request {} not taken by {} at epoch {}: {}", name, asked.id(), self, owner.epoch(),
                    e.getMessage());
            return; // the pool moved or the request changed: the next pass reads both again
        } catch (UnavailableException e) {
            LOG.warn("Image {}: request {} waits: {}", name, asked.id(), e.getMessage());
            return;
        }
        if (asked.imports()) {
            importImage(driver, pool, owner, task, taken, ownerCheck);
        } else {
            deleteImage(driver, pool, task, taken, ownerCheck);
        }
    }

    private void importImage(StorageDriver driver, String pool, PoolOwnership owner, Task task, ImageStore.Request taken,
                             StoreOp ownerCheck) {
        ImageRequestRecord asked = taken.request();
        String name = asked.image();
        try {
            if (!self.equals(asked.node())) {
                throw new IllegalStateException("the file of image " + name + " is on node " + asked.node() + ", but pool "
                        + pool + " is now owned by " + self + ": upload it to " + self);
            }
            tasks.running(task, "importing image " + name + " into pool " + pool + " on " + self);
            long started = System.nanoTime();
            ImageFile file;
            try {
                file = driver.importImage(pool, name, Path.of(asked.file()));
            } finally {
                removeSpooled(asked); // converted or refused: before the task ends, which the uploader waits for
            }
            Image image = new Image(name, pool, file.format(), file.sizeBytes(), Instant.now());
            try {
                images.imported(image, taken, ownerCheck, underLease);
            } catch (RuntimeException e) {
                driver.destroyImage(pool, name); // converted but not recorded: nothing is left behind
                throw e;
            }
            LOG.info("Image {}: imported into pool {} on {} at epoch {} ({} {} bytes, {} ms; task {})", name, pool, self,
                    owner.epoch(), file.format(), file.sizeBytes(), (System.nanoTime() - started) / 1_000_000, asked.id());
            tasks.succeeded(task, "image " + name + " imported into pool " + pool + " on " + self + " (" + file.format()
                    + ", " + file.sizeBytes() + " bytes)");
        } catch (RuntimeException e) {
            images.finish(taken);
            tasks.failed(task, message(e));
            LOG.warn("Image {}: import into pool {} on {} failed: {}", name, pool, self, message(e));
        }
    }

    private void deleteImage(StorageDriver driver, String pool, Task task, ImageStore.Request taken, StoreOp ownerCheck) {
        String name = taken.request().image();
        List<String> users;
        try {
            users = vmsUsing.apply(name);
        } catch (UnavailableException e) {
            LOG.warn("Image {}: delete request {} waits for the VM list: {}", name, taken.request().id(), e.getMessage());
            return;
        }
        try {
            if (!users.isEmpty()) {
                throw new IllegalStateException("VMs have disks cloned from it: " + String.join(", ", users)
                        + "; delete them first");
            }
            tasks.running(task, "destroying image " + name + " on pool " + pool + " on " + self);
            driver.destroyImage(pool, name);
            images.removed(name, taken, ownerCheck, underLease);
            LOG.info("Image {}: destroyed on pool {} by {} (task {})", name, pool, self, taken.request().id());
            tasks.succeeded(task, "image " + name + " destroyed on pool " + pool + " by " + self);
        } catch (RuntimeException e) {
            images.finish(taken);
            tasks.failed(task, "image " + name + " was not deleted: " + message(e));
            LOG.warn("Image {}: not deleted from pool {} by {}: {}", name, pool, self, message(e));
        }
    }

    /** An upload spooled for this request is this node's to delete once the request is carried out. */
    private void removeSpooled(ImageRequestRecord asked) {
        if (asked.removeFile() && self.equals(asked.node())) {
            try {
                Files.deleteIfExists(Path.of(asked.file()));
            } catch (IOException e) {
                LOG.warn("Image {}: cannot delete the spooled upload {}: {}", asked.image(), asked.file(), e.getMessage());
            }
        }
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
