package io.cairn.api.storage;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The southbound SPI of a pool backend (a DS service with {@code cairn.driver=<name>}, e.g. zfs).
 * Called only on the pool's owner. Every method is idempotent where it can be and throws
 * {@link io.cairn.api.host.HostCommandException} (with the backend's stderr) when the host refuses.
 */
public interface StorageDriver {
    /** How volumes are stored on this host: zvols where the backend has them, else files in a dataset. */
    VolumeBackend volumeBackend();

    /** Builds the pool; {@code cachefile} is never written, so no node imports it on its own at start. */
    void createPool(PoolLayout layout);

    /** Imports {@code name} by force from the devices found in {@code searchDirs} (a failover: members may miss). */
    void importPool(String name, List<Path> searchDirs);

    void exportPool(String name);

    void destroyPool(String name);

    /** Names of the pools imported on this host. */
    List<String> importedPools();

    /** The pool's health, layout, members and last scrub; empty when not imported here. */
    Optional<PoolObservation> observe(String name);

    /** Writes the owner's epoch into the pool (user property {@code cairn:epoch}). */
    void writeEpoch(String name, long epoch);

    /** The epoch the pool carries, if any. */
    OptionalLong readEpoch(String name);

    void scrub(String name);

    /** Brings a member that came back online again and clears its errors (a resilver follows). */
    void onlineMember(String name, String device);

    /** Makes a volume of {@code sizeBytes} in the pool; returns the path QEMU opens. */
    Path createVolume(String pool, String volume, long sizeBytes);

    /** The path QEMU opens for an existing volume (made by {@link #createVolume}). */
    Path volumePath(String pool, String volume);

    void destroyVolume(String pool, String volume);

    /** Names of the pool's volumes. */
    List<String> volumes(String pool);

    /** Snapshots a volume ({@code snapshot} is the part after '@'). */
    void snapshot(String pool, String volume, String snapshot);

    void rollback(String pool, String volume, String snapshot);

    /** A new volume {@code target} as an instant clone of {@code volume@snapshot}. */
    Path cloneVolume(String pool, String volume, String snapshot, String target);

    // ---- all the volumes of one VM at once (volumes named by VmDisk#volume), atomically

    /**
     * Snapshots every volume of the VM at the same instant (one recursive, atomic snapshot).
     *
     * @throws IllegalArgumentException when {@code snapshot} is not a {@link SnapshotName}
     * @throws io.cairn.api.host.HostCommandException when the backend refuses (e.g. the name exists)
     */
    void snapshotVm(String pool, UUID vmId, String snapshot);

    /** The VM's snapshots, oldest first; empty when it has none (or no volumes). */
    List<VolumeSnapshot> vmSnapshots(String pool, UUID vmId);

    /**
     * Rolls every volume of the VM back to {@code snapshot}; later snapshots of the VM are destroyed.
     * Only while no domain has the volumes open.
     */
    void rollbackVm(String pool, UUID vmId, String snapshot);

    /**
     * Makes the volumes of {@code newVmId} as clones of {@code vmId}'s volumes at {@code snapshot}:
     * the same volume names, in constant time whatever their size. Returns the VM's new volume names.
     */
    List<String> cloneVm(String pool, UUID vmId, String snapshot, UUID newVmId);

    /** Destroys the snapshot of every volume of the VM; nothing to do when it is gone already. */
    void destroyVmSnapshot(String pool, UUID vmId, String snapshot);

    /**
     * Destroys all the volumes of the VM and their snapshots, retrying while the backend says they
     * are still busy (right after the last domain closed them); nothing to do when none exist.
     */
    void destroyVm(String pool, UUID vmId);

    /**
     * Imports a disk image: detects the file's format with {@code qemu-img info} (raw with the 0x55AA
     * boot signature at offset 510, or qcow2 without a backing file), converts it to raw into a volume
     * {@code POOL/images/NAME} and snapshots it {@code @image}. A refused file leaves the pool as it was.
     *
     * @throws IllegalArgumentException for a file that is not such an image, naming the format found
     * @since 1.3
     */
    ImageFile importImage(String pool, String name, Path file);

    /** Names of the pool's images (those whose import completed: they have their snapshot). @since 1.3 */
    List<String> images(String pool);

    /**
     * Destroys an image.
     *
     * @throws io.cairn.api.common.ConflictException while volumes are cloned from it (naming them)
     * @since 1.3
     */
    void destroyImage(String pool, String name);

    /**
     * A new volume as a clone of the image's snapshot, grown to {@code sizeBytes} when that is larger
     * than the image; returns the path QEMU opens (as {@link #volumePath} does afterwards).
     *
     * @since 1.3
     */
    Path cloneImage(String pool, String image, String volume, long sizeBytes);

    /**
     * Writes the image's snapshot as a replication stream ({@code zfs send POOL/images/NAME@image}) to
     * {@code out}, which it does not close; returns once the stream is complete.
     *
     * @throws io.cairn.api.common.NotFoundException when the pool has no such image
     * @throws io.cairn.api.host.HostCommandException when the backend fails or {@code out} breaks off
     * @since 1.4
     */
    default void sendImage(String pool, String name, OutputStream out) {
        throw new UnsupportedOperationException("storage driver " + getClass().getName() + " cannot send images");
    }

    /**
     * Makes the image {@code POOL/images/NAME@image} from a stream {@link #sendImage} wrote
     * ({@code zfs receive}). A stream that breaks off or a backend failure leaves nothing of it on the pool.
     *
     * @throws io.cairn.api.common.ConflictException when the pool already has an image of that name
     * @throws io.cairn.api.host.HostCommandException when the backend refuses or {@code in} breaks off
     * @since 1.4
     */
    default void receiveImage(String pool, String name, InputStream in) {
        throw new UnsupportedOperationException("storage driver " + getClass().getName() + " cannot receive images");
    }
}
