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
 * for VMs with disks cloned from the image before the driver destroys it. A copy to this pool streams
 * {@code zfs send} from the owner of the source pool ({@link Streams}, the transfer channel) into the
 * driver's receive and is recorded (the image with this pool, the request removed) in one commit under
 * the lease. A refusal or failure ends the task with its reason and removes the request, leaving the
 * pool and the records as they were (a partial copy is destroyed).
 */
final class PoolImages {
    private static final Logger LOG = LoggerFactory.getLogger(PoolImages.class);
    static final String IMPORT_TASK = "image.import";
    static final String DELETE_TASK = "image.delete";
    static final String COPY_TASK = "image.copy";

    /** Opens the stream of an image on a pool from that pool's owner {@code node}. */
    @FunctionalInterface
    interface Streams {
        java.io.InputStream open(String node, String pool, String image);
    }

    private final ImageStore images;
    private final PoolStore pools;
    private final TaskManager tasks;
    private final ToLongFunction<List<StoreOp>> underLease;
    private final Function<String, List<String>> vmsUsing;
    private final Streams streams;
    private final String self;

    PoolImages(ImageStore images, PoolStore pools, TaskManager tasks, ToLongFunction<List<StoreOp>> underLease,
               Function<String, List<String>> vmsUsing, Streams streams, String self) {
        this.images = images;
        this.pools = pools;
        this.tasks = tasks;
        this.underLease = underLease;
        this.vmsUsing = vmsUsing;
        this.streams = streams;
        this.self = self;
    }

    static String taskKind(ImageRequestRecord r) {
        return r.imports() ? IMPORT_TASK : r.copies() ? COPY_TASK : DELETE_TASK;
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
        if ((asked.imports() || asked.copies()) && self.equals(asked.takenBy())) {
            // taken by this node before it restarted: the conversion or receive died with it; nothing was
            // recorded (the commit that records it removes the request), so what it left is destroyed
            try {
                driver.destroyImage(pool, name);
            } finally {
                images.finish(request.get());
                removeSpooled(asked);
            }
            tasks.failed(task, "the " + asked.kind() + " of image " + name + " was interrupted by a restart of " + self
                    + "; " + asked.kind() + " it again");
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
        } else if (asked.copies()) {
            copyImage(driver, pool, owner, task, taken, ownerCheck);
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

    private void copyImage(StorageDriver driver, String pool, PoolOwnership owner, Task task, ImageStore.Request taken,
                           StoreOp ownerCheck) {
        ImageRequestRecord asked = taken.request();
        String name = asked.image();
        String source = asked.source();
        try {
            ImageStore.Recorded before = images.recorded(name)
                    .orElseThrow(() -> new IllegalStateException("image " + name + " was deleted meanwhile"));
            if (before.image().isOn(pool)) {
                throw new IllegalStateException("image " + name + " is on pool " + pool + " already");
            }
            if (!before.image().isOn(source)) {
                throw new IllegalStateException("image " + name + " is no longer on pool " + source);
            }
            String from = pools.owner(source).map(PoolOwnership::node)
                    .orElseThrow(() -> new IllegalStateException("pool " + source + " has no owner to send image " + name));
            tasks.running(task, "copying image " + name + " from pool " + source + " on " + from + " to pool " + pool
                    + " on " + self);
            long started = System.nanoTime();
            CountingInput in = new CountingInput(streams.open(from, source, name));
            try (in) {
                driver.receiveImage(pool, name, in); // destroys what it made when the stream or zfs fails
            }
            try {
                images.copied(before, pool, taken, ownerCheck, underLease);
            } catch (RuntimeException e) {
                driver.destroyImage(pool, name); // received but not recorded: nothing is left behind
                throw e;
            }
            long ms = (System.nanoTime() - started) / 1_000_000;
            LOG.info("Image {}: copied from pool {} on {} to pool {} on {} at epoch {} ({} bytes streamed in {} ms; task {})",
                    name, source, from, pool, self, owner.epoch(), in.count, ms, asked.id());
            tasks.succeeded(task, "image " + name + " copied from pool " + source + " (" + from + ") to pool " + pool
                    + " on " + self + " (" + in.count + " bytes streamed in " + ms + " ms)");
        } catch (RuntimeException | java.io.IOException e) {
            images.finish(taken);
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            tasks.failed(task, "image " + name + " was not copied to pool " + pool + ": " + why);
            LOG.warn("Image {}: copy from pool {} to pool {} on {} failed: {}", name, source, pool, self, why);
        }
    }

    /** Counts what the copy streamed, for its task and log. */
    private static final class CountingInput extends java.io.FilterInputStream {
        long count;

        CountingInput(java.io.InputStream in) {
            super(in);
        }

        @Override
        public int read() throws java.io.IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
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
            images.removed(name, pool, taken, ownerCheck, underLease);
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
