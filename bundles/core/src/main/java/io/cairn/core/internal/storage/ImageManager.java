package io.cairn.core.internal.storage;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.common.UnavailableException;
import io.cairn.api.compute.VmService;
import io.cairn.api.storage.Image;
import io.cairn.api.storage.ImageAdminService;
import io.cairn.api.storage.ImageName;
import io.cairn.api.storage.ImageService;
import io.cairn.api.storage.PoolName;
import io.cairn.api.storage.PoolOwnership;
import io.cairn.api.storage.PoolStatus;
import io.cairn.api.task.Task;
import io.cairn.core.internal.cluster.ClusterMember;
import io.cairn.core.internal.cluster.DataDirs;
import io.cairn.core.internal.task.TaskManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The image services over {@link ImageStore}: checks an import or deletion, records the request for
 * the pool's owner ({@link PoolImages} carries it out under its lease) and waits for its task. An
 * import is accepted only on the pool's owner, where the file is (an upload is spooled to this node's
 * {@code data/cairn/image-uploads}); elsewhere 409 names the owner to send it to. A copy is asked of
 * the target pool's owner, which streams the image from the owner of a pool holding it; a deletion asks
 * each pool's owner in turn to destroy its copy.
 */
@Component(service = {ImageService.class, ImageAdminService.class})
public class ImageManager implements ImageService, ImageAdminService {
    private static final Logger LOG = LoggerFactory.getLogger(ImageManager.class);
    private static final Duration IMPORT_WAIT = Duration.ofMinutes(30);
    private static final Duration DELETE_WAIT = Duration.ofMinutes(2);
    private static final long POLL_MILLIS = 100;

    @Reference
    private ImageStore images;
    @Reference
    private PoolStore pools;
    @Reference
    private PoolStatusBoard statuses;
    @Reference
    private TaskManager tasks;
    @Reference
    private VmService vms;
    @Reference
    private ClusterMember member;

    private String self;
    private Path spool;

    public ImageManager() {
    }

    /** Outside OSGi (tests). */
    ImageManager(ImageStore images, PoolStore pools, PoolStatusBoard statuses, TaskManager tasks, VmService vms,
                 String self, Path spool) {
        this.images = images;
        this.pools = pools;
        this.statuses = statuses;
        this.tasks = tasks;
        this.vms = vms;
        this.self = self;
        this.spool = spool;
    }

    @Activate
    void activate() {
        self = member.settings().nodeName();
        spool = DataDirs.cairn().resolve("image-uploads");
    }

    @Override
    public List<Image> images() {
        return images.images();
    }

    @Override
    public Optional<Image> image(String name) {
        try {
            ImageName.require(name);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return images.image(name);
    }

    @Override
    public Image importImage(String name, String pool, Path file) {
        PoolOwnership owner = ownedHere(ImageName.require(name), pool);
        if (file == null || !file.isAbsolute() || !Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("image " + name + ": no readable file " + file + " on node " + self
                    + " (an absolute path on the node that owns pool " + pool + ")");
        }
        return await(name, owner, ImageRequestRecord.importing(UUID.randomUUID().toString(), name, pool,
                file.toString(), self, false));
    }

    @Override
    public Image importImage(String name, String pool, InputStream data) {
        PoolOwnership owner = ownedHere(ImageName.require(name), pool);
        if (images.image(name).isPresent()) {
            throw new ConflictException("an image named '" + name + "' already exists"); // before reading the upload
        }
        Path file = spool(name, data);
        try {
            return await(name, owner, ImageRequestRecord.importing(UUID.randomUUID().toString(), name, pool,
                    file.toString(), self, true));
        } catch (ConflictException | IllegalArgumentException | UnavailableException e) {
            if (images.request(name).filter(r -> r.request().file().equals(file.toString())).isEmpty()) {
                deleteQuietly(file); // not recorded: no owner will delete it
            }
            throw e;
        }
    }

    @Override
    public Image copyImage(String name, String pool) {
        Image image = existing(name);
        try {
            PoolName.require(pool);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no such pool: " + e.getMessage());
        }
        pools.get(pool).orElseThrow(() -> new NotFoundException("no pool named '" + pool + "'"));
        if (image.isOn(pool)) {
            throw new ConflictException("image '" + name + "' is on pool " + pool + " already (its pools: "
                    + String.join(", ", image.pools()) + ")");
        }
        PoolOwnership target = importedOwner(pool).orElseThrow(() -> new ConflictException("pool '" + pool
                + "' is not imported by its owner yet; retry once GET /pools/" + pool + " shows status.imported true"));
        // the pool it was imported into first, then the other copies: one whose owner has it imported now
        List<String> sources = new java.util.ArrayList<>(List.of(image.pool()));
        image.pools().stream().filter(p -> !p.equals(image.pool())).forEach(sources::add);
        String source = sources.stream().filter(p -> importedOwner(p).isPresent()).findFirst()
                .orElseThrow(() -> new ConflictException("image '" + name + "': none of its pools (" + String.join(", ",
                        image.pools()) + ") is imported by its owner now; retry once one is"));
        return await(name, target, ImageRequestRecord.copying(UUID.randomUUID().toString(), name, pool, source, self));
    }

    @Override
    public void deleteImage(String name) {
        Image image = existing(name);
        List<String> users = VmImageCheck.vmsUsing(name, vms);
        if (!users.isEmpty()) {
            throw new ConflictException("image '" + name + "' cannot be deleted: " + users.size() + " VM"
                    + (users.size() == 1 ? " has a disk" : "s have disks") + " cloned from it: " + String.join(", ", users)
                    + "; delete " + (users.size() == 1 ? "it" : "them") + " first");
        }
        // the copies first, the pool it was imported into last: each pool's owner destroys its own copy
        List<String> order = new java.util.ArrayList<>(image.pools());
        order.remove(image.pool());
        order.add(image.pool());
        for (String pool : order) {
            PoolOwnership owner = pools.owner(pool)
                    .orElseThrow(() -> new ConflictException("pool '" + pool + "' of image " + name + " has no owner"));
            await(name, owner, ImageRequestRecord.deleting(UUID.randomUUID().toString(), name, pool, self));
        }
    }

    private Image existing(String name) {
        try {
            ImageName.require(name);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no such image: " + e.getMessage());
        }
        return images.image(name).orElseThrow(() -> new NotFoundException("no image named '" + name + "'"));
    }

    /** The owner of {@code pool} when its status shows it imported by that owner at the owner's epoch. */
    private Optional<PoolOwnership> importedOwner(String pool) {
        Optional<PoolOwnership> owner = pools.owner(pool);
        Optional<PoolStatus> status = statuses.get(pool);
        if (owner.isEmpty() || status.isEmpty() || !status.get().imported() || status.get().epoch() != owner.get().epoch()
                || !owner.get().node().equals(status.get().owner())) {
            return Optional.empty();
        }
        return owner;
    }

    /** Records the request at the owner's epoch and waits for the owner to end its task. */
    private Image await(String name, PoolOwnership owner, ImageRequestRecord request) {
        // the task first: the owner may carry the request out before this thread looks again
        Task task = tasks.submit(request.id(), PoolImages.taskKind(request), name, owner.node());
        try {
            images.request(request, pools.ownedAt(owner.pool(), owner.epoch()));
        } catch (RuntimeException e) {
            tasks.failed(task, "not recorded: " + e.getMessage());
            throw e;
        }
        Duration wait = request.imports() || request.copies() ? IMPORT_WAIT : DELETE_WAIT;
        long deadline = System.nanoTime() + wait.toNanos();
        while (!task.state().finished()) {
            if (System.nanoTime() - deadline > 0) {
                throw new UnavailableException("the " + request.kind() + " of image " + name + " is still "
                        + task.state().name().toLowerCase(java.util.Locale.ROOT) + " on " + owner.node()
                        + " after " + wait.toMinutes() + " min; follow task " + task.id());
            }
            sleep();
            task = tasks.task(request.id()).orElse(task);
        }
        if (task.state() == io.cairn.api.task.TaskState.FAILED) {
            if (request.imports()) {
                throw new IllegalArgumentException("image " + name + " was not imported: " + task.error());
            }
            if (request.copies()) {
                throw new UnavailableException(task.error() + " (task " + task.id() + ")");
            }
            throw new ConflictException(task.error());
        }
        if (!request.imports() && !request.copies()) {
            return null;
        }
        return images.image(name).orElseThrow(() -> new IllegalStateException("image " + name
                + " was imported (task " + request.id() + ") but is not recorded"));
    }

    /**
     * The owner of {@code pool} if it is this node and has imported it at its epoch: an import reads
     * a file of this node. Elsewhere 409 names the owner to send the image to.
     */
    private PoolOwnership ownedHere(String name, String pool) {
        PoolName.require(pool);
        pools.get(pool).orElseThrow(() -> new NotFoundException("no pool named '" + pool + "'"));
        PoolOwnership owner = pools.owner(pool)
                .orElseThrow(() -> new ConflictException("pool '" + pool + "' has no owner record yet; retry"));
        if (!owner.node().equals(self)) {
            throw new ConflictException("image " + name + ": pool '" + pool + "' is owned by node " + owner.node()
                    + ", not by " + self + "; send the import to " + owner.node()
                    + " (images are read on the pool's owner; they are not forwarded between nodes)");
        }
        Optional<PoolStatus> status = statuses.get(pool);
        if (status.isEmpty() || !status.get().imported() || status.get().epoch() != owner.epoch()
                || !self.equals(status.get().owner())) {
            throw new ConflictException("pool '" + pool + "' is not imported by its owner " + self + " at epoch "
                    + owner.epoch() + " yet; retry once GET /pools/" + pool + " shows status.imported true");
        }
        return owner;
    }

    private Path spool(String name, InputStream data) {
        Path file;
        try {
            Files.createDirectories(spool);
            file = Files.createTempFile(spool, name + "-", ".upload");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a spool file for image " + name + " in " + spool, e);
        }
        try (InputStream in = data) {
            long bytes = Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            LOG.info("Image {}: {} bytes uploaded to {}", name, bytes, file);
            return file;
        } catch (IOException e) {
            deleteQuietly(file);
            throw new IllegalArgumentException("the upload of image " + name + " broke off: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete the spooled upload {}: {}", file, e.getMessage());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while waiting for an image task");
        }
    }
}
