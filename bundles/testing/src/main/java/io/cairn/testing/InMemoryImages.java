package io.cairn.testing;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.storage.Image;
import io.cairn.api.storage.ImageAdminService;
import io.cairn.api.storage.ImageName;
import io.cairn.api.storage.ImageService;
import io.cairn.api.storage.PoolName;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-test image services with the contract's documented failures: pools are those {@link #pool added}
 * with their owner; an import on a node that is not the pool's owner is {@link ConflictException} naming
 * it (before the stream is read), a duplicate name too; data without the boot signature 0x55AA at offset
 * 510 and not starting with qcow2's magic {@code QFI\xfb} is {@link IllegalArgumentException}; a delete
 * of an image {@link #use used} by a VM is {@link ConflictException}. The real manager is tested in core.
 */
public final class InMemoryImages implements ImageService, ImageAdminService {
    private final Map<String, Image> images = new TreeMap<>();
    private final Map<String, String> poolOwners = new ConcurrentHashMap<>();
    private final Map<String, String> usedBy = new ConcurrentHashMap<>();
    private final String self;

    /** Services as seen on node {@code self}. */
    public InMemoryImages(String self) {
        this.self = self;
    }

    /** A pool owned by {@code owner}. */
    public InMemoryImages pool(String pool, String owner) {
        poolOwners.put(pool, owner);
        return this;
    }

    /** A VM named {@code vm} has a disk cloned from {@code image}. */
    public void use(String image, String vm) {
        usedBy.put(image, vm);
    }

    public synchronized void reset() {
        images.clear();
        usedBy.clear();
    }

    @Override
    public synchronized List<Image> images() {
        return List.copyOf(images.values());
    }

    @Override
    public synchronized Optional<Image> image(String name) {
        return Optional.ofNullable(images.get(name));
    }

    @Override
    public Image importImage(String name, String pool, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return importImage(name, pool, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized Image importImage(String name, String pool, InputStream data) {
        ImageName.require(name);
        PoolName.require(pool);
        String owner = poolOwners.get(pool);
        if (owner == null) {
            throw new NotFoundException("no pool named '" + pool + "'");
        }
        if (!owner.equals(self)) {
            throw new ConflictException("image " + name + ": pool '" + pool + "' is owned by node " + owner + ", not by "
                    + self + "; send the import to " + owner);
        }
        if (images.containsKey(name)) {
            throw new ConflictException("an image named '" + name + "' already exists");
        }
        byte[] bytes;
        try (InputStream in = data) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String format;
        if (bytes.length >= 4 && bytes[0] == 'Q' && bytes[1] == 'F' && bytes[2] == 'I' && (bytes[3] & 0xff) == 0xfb) {
            format = "qcow2";
        } else if (bytes.length >= 512 && (bytes[510] & 0xff) == 0x55 && (bytes[511] & 0xff) == 0xaa) {
            format = "raw";
        } else {
            throw new IllegalArgumentException("image " + name + " was not imported: file is not a disk image: qemu-img "
                    + "detected format raw, and it has no boot signature 0x55AA at offset 510");
        }
        Image image = new Image(name, pool, format, bytes.length, Instant.now());
        images.put(name, image);
        return image;
    }

    /** A copy to a known pool, refused as the core refuses: unknown image or pool 404, already there 409. */
    @Override
    public synchronized Image copyImage(String name, String pool) {
        Image image = images.get(name);
        if (image == null) {
            throw new NotFoundException("no image named '" + name + "'");
        }
        if (!poolOwners.containsKey(pool)) {
            throw new NotFoundException("no pool named '" + pool + "'");
        }
        if (image.isOn(pool)) {
            throw new ConflictException("image '" + name + "' is on pool " + pool + " already (its pools: "
                    + String.join(", ", image.pools()) + ")");
        }
        Image copied = image.withCopy(pool);
        images.put(name, copied);
        return copied;
    }

    @Override
    public synchronized void deleteImage(String name) {
        if (!images.containsKey(name)) {
            throw new NotFoundException("no image named '" + name + "'");
        }
        if (usedBy.containsKey(name)) {
            throw new ConflictException("image '" + name + "' cannot be deleted: 1 VM has a disk cloned from it: "
                    + usedBy.get(name) + "; delete it first");
        }
        images.remove(name);
    }

    /** The names of the images. */
    public synchronized Set<String> names() {
        return Set.copyOf(images.keySet());
    }
}
