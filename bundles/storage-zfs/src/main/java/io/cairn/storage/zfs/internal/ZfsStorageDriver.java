package io.cairn.storage.zfs.internal;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.host.HostCommandException;
import io.cairn.api.host.HostCommands;
import io.cairn.api.storage.ImageFile;
import io.cairn.api.storage.PoolLayout;
import io.cairn.api.storage.PoolObservation;
import io.cairn.api.storage.SnapshotName;
import io.cairn.api.storage.VolumeSnapshot;
import io.cairn.api.storage.StorageDriver;
import io.cairn.api.storage.VolumeBackend;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@link StorageDriver} over the {@code zpool}/{@code zfs} programs: OpenZFS on real hosts,
 * zfs-fuse here. Volumes are zvols where the host has them (the OpenZFS kernel module), else one
 * sparse image file per volume in its own dataset; {@link VolumeLayout} places them (a VM's disks
 * under one dataset per VM, which its snapshots, clones and destruction act on as a whole).
 */
@Component(service = StorageDriver.class, property = "cairn.driver=zfs", configurationPid = StorageConfig.PID)
@Designate(ocd = StorageConfig.class)
public class ZfsStorageDriver implements StorageDriver {
    private static final Logger LOG = LoggerFactory.getLogger(ZfsStorageDriver.class);
    private static final int BUSY_ATTEMPTS = 30;
    /** How long a destroyed pool may still be listed (tests shorten it). */
    int goneWaitSeconds = 15;
    private static final Pattern VOLUME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    private static final String NO_DATASET = "dataset does not exist";
    static final String IMAGE = "disk.img";
    /** The snapshot of an image dataset that volumes are cloned from. */
    static final String IMAGE_SNAPSHOT = "image";
    /** A conversion copies the whole image: allowed far longer than a zfs call. */
    private static final Duration CONVERT_TIMEOUT = Duration.ofHours(1);

    @Reference
    private HostCommands host;

    private Duration timeout;
    private Path mountRoot;
    private VolumeBackend backend;
    /** zfs-fuse has no lz4: "on" there is lzjb; OpenZFS takes lz4. */
    private boolean hasLz4;

    public ZfsStorageDriver() {
    }

    ZfsStorageDriver(HostCommands host, Path mountRoot, VolumeBackend backend, boolean hasLz4) {
        this.host = host;
        this.timeout = Duration.ofSeconds(120);
        this.mountRoot = mountRoot;
        this.backend = backend;
        this.hasLz4 = hasLz4;
    }

    @Activate
    void activate(StorageConfig config) {
        timeout = Duration.ofSeconds(config.command_timeout_seconds());
        mountRoot = Path.of(config.mount_root());
        boolean kernelZfs = Files.isDirectory(Path.of("/sys/module/zfs"));
        backend = kernelZfs && Files.isDirectory(Path.of("/dev/zvol")) ? VolumeBackend.ZVOL : VolumeBackend.FILE;
        hasLz4 = kernelZfs;
        LOG.info("ZFS driver: {} ZFS, volumes as {}, datasets under {}", kernelZfs ? "kernel (OpenZFS)" : "userspace (zfs-fuse)",
                backend, mountRoot);
    }

    @Override
    public VolumeBackend volumeBackend() {
        return backend;
    }

    /** The algorithm for a spec's compression on this host. */
    String compression(String asked) {
        if (asked.equals("on")) {
            return hasLz4 ? "lz4" : "lzjb";
        }
        if (asked.equals("lz4") && !hasLz4) {
            throw new IllegalArgumentException("compression lz4 is not supported by this host's ZFS (zfs-fuse); "
                    + "use on, lzjb, gzip or zle");
        }
        return asked;
    }

    @Override
    public void createPool(PoolLayout layout) {
        String compression = compression(layout.compression());
        run(ZfsArgv.create(layout, mountRoot));
        run(ZfsArgv.set(layout.name(), "compression", compression));
        run(ZfsArgv.set(layout.name(), "dedup", layout.dedup() ? "on" : "off"));
        run(ZfsArgv.createFileDataset(layout.name() + "/" + VolumeLayout.VOLS));
        run(ZfsArgv.createFileDataset(layout.name() + "/" + VolumeLayout.VMS));
    }

    @Override
    public void importPool(String name, List<Path> searchDirs) {
        // a zfs-fuse that died with the pool imported (SIGKILL, a crash) leaves its mount points as dead FUSE
        // mounts ("Input/output error"), and the import could then mount none of the pool's datasets: a
        // later owner would find its volumes' files missing. Detached lazily first; on a path that is no
        // mount it only fails, which is fine.
        Path mounted = mountRoot.resolve(name);
        if (!Files.notExists(mounted, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(mounted)) {
            LOG.warn("Pool {}: {} is a dead mount (its zfs-fuse died); detaching it before the import", name, mounted);
        }
        host.exec(NbdfuseClients.unmount(mounted), timeout);
        run(ZfsArgv.importPool(name, searchDirs));
    }

    @Override
    public void exportPool(String name) {
        run(ZfsArgv.export(name));
    }

    @Override
    public void destroyPool(String name) {
        runWhileBusy(ZfsArgv.destroy(name), mountRoot.resolve(name));
        // a destroy is done only once zpool list no longer shows the pool: its disks are then free
        for (int waited = 0; importedPools().contains(name); waited++) {
            if (waited >= goneWaitSeconds) {
                throw new IllegalStateException("zpool destroy -f " + name + " succeeded, but zpool list still shows "
                        + name + " " + waited + " s later");
            }
            sleepASecond();
        }
    }

    /**
     * Runs a destroy; zfs-fuse answers "pool is busy" / "dataset is busy" for a while after the last
     * QEMU that had a volume open exited, so a busy answer is tried again, once a second; still busy
     * at the end, the error names the processes holding files under {@code busyUnder}.
     */
    private void runWhileBusy(List<String> argv, Path busyUnder) {
        for (int attempt = 1; ; attempt++) {
            try {
                run(argv);
                return;
            } catch (io.cairn.api.host.HostCommandException e) {
                if (!e.stderr().contains("is busy")) {
                    throw e;
                }
                if (attempt >= BUSY_ATTEMPTS) {
                    List<String> holders = OpenFiles.under(Path.of("/proc"), busyUnder);
                    throw new io.cairn.api.host.HostCommandException(e.argv(), e.exitCode(), e.stderr(),
                            "still busy after " + attempt + " attempts; " + (holders.isEmpty()
                                    ? "no process of this host holds a file open under " + busyUnder
                                    : "files open under it: " + String.join("; ", holders)), e);
                }
                LOG.info("{}: busy (attempt {} of {}), trying again in 1 s", String.join(" ", argv), attempt,
                        BUSY_ATTEMPTS);
                sleepASecond();
            }
        }
    }

    private static void sleepASecond() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a busy pool", e);
        }
    }

    @Override
    public List<String> importedPools() {
        String out = host.run(ZfsArgv.listPools(), timeout).stdout();
        return Arrays.stream(out.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public Optional<PoolObservation> observe(String name) {
        if (!importedPools().contains(name)) {
            return Optional.empty();
        }
        PoolObservation parsed = ZpoolStatusParser.parse(name, run(ZfsArgv.status(name)));
        String[] sizes = run(ZfsArgv.sizes(name)).strip().split("\t");
        long size = sizes.length >= 3 ? Sizes.parse(sizes[1]) : 0;
        long allocated = sizes.length >= 3 ? Sizes.parse(sizes[2]) : 0;
        return Optional.of(new PoolObservation(parsed.name(), parsed.health(), parsed.layout(), parsed.members(),
                parsed.scrub(), size, allocated));
    }

    @Override
    public void writeEpoch(String name, long epoch) {
        run(ZfsArgv.set(name, ZfsArgv.EPOCH_PROPERTY, Long.toString(epoch)));
    }

    @Override
    public OptionalLong readEpoch(String name) {
        String value = run(ZfsArgv.get(name, ZfsArgv.EPOCH_PROPERTY)).strip();
        return value.matches("\\d+") ? OptionalLong.of(Long.parseLong(value)) : OptionalLong.empty();
    }

    /**
     * Scrubs what the members really hold: first drops the page cache of the file vdevs (see
     * {@link FileVdevCaches}: a scrub read from cached pages misses corruption), then starts
     * {@code zpool scrub}, which returns at once while the scrub runs.
     */
    @Override
    public void scrub(String name) {
        PoolObservation pool = observe(name).orElseThrow(() -> new IllegalStateException("pool " + name
                + " is not imported on this host: only its owner scrubs it"));
        new FileVdevCaches(host, timeout).drop(name, pool.members());
        run(ZfsArgv.scrub(name));
    }

    @Override
    public void onlineMember(String name, String device) {
        run(ZfsArgv.online(name, device));
        run(ZfsArgv.clear(name, device));
    }

    @Override
    public Path createVolume(String pool, String volume, long sizeBytes) {
        String dataset = dataset(pool, volume);
        if (sizeBytes <= 0) {
            throw new IllegalArgumentException("volume size must be positive, was " + sizeBytes);
        }
        if (backend == VolumeBackend.ZVOL) {
            run(ZfsArgv.createZvol(dataset, sizeBytes));
            return Path.of("/dev/zvol", dataset);
        }
        run(ZfsArgv.createFileDataset(dataset));
        Path image = imagePath(pool, volume);
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(sizeBytes); // sparse
            // durable before a VM uses it: the pool's owner may die before its next transaction group
            // commits, and the survivor that imports the pool must find the file (fsync commits the
            // dataset's intent log, replayed at import)
            file.getFD().sync();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the image file " + image + " of volume " + dataset, e);
        }
        try (FileChannel dir = FileChannel.open(image.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the directory entry of " + image + " durable", e);
        }
        return image;
    }

    @Override
    public Path volumePath(String pool, String volume) {
        return path(dataset(pool, volume));
    }

    @Override
    public void destroyVolume(String pool, String volume) {
        run(ZfsArgv.destroyDataset(dataset(pool, volume)));
    }

    @Override
    public List<String> volumes(String pool) {
        return Arrays.stream(run(ZfsArgv.datasets(pool)).split("\n")).map(String::strip)
                .flatMap(d -> VolumeLayout.volumeOf(pool, d).stream()).toList();
    }

    @Override
    public void snapshot(String pool, String volume, String snapshot) {
        run(ZfsArgv.snapshot(dataset(pool, volume), requireVolume(snapshot)));
    }

    @Override
    public void rollback(String pool, String volume, String snapshot) {
        run(ZfsArgv.rollback(dataset(pool, volume), requireVolume(snapshot)));
    }

    @Override
    public Path cloneVolume(String pool, String volume, String snapshot, String target) {
        String clone = dataset(pool, target);
        run(ZfsArgv.clone(dataset(pool, volume), requireVolume(snapshot), clone));
        return path(clone);
    }

    @Override
    public void snapshotVm(String pool, UUID vmId, String snapshot) {
        SnapshotName.require(snapshot);
        run(ZfsArgv.snapshotRecursive(VolumeLayout.vmDataset(pool, vmId), snapshot));
    }

    @Override
    public List<VolumeSnapshot> vmSnapshots(String pool, UUID vmId) {
        String dataset = VolumeLayout.vmDataset(pool, vmId);
        try {
            return ZfsSnapshotList.parse(dataset, run(ZfsArgv.creationAndUsed(dataset)));
        } catch (HostCommandException e) {
            if (e.stderr().contains(NO_DATASET)) {
                return List.of(); // a VM whose disks were never made
            }
            throw e;
        }
    }

    /** Each disk, and the VM's own dataset, back to the snapshot ({@code -r}: later snapshots go). */
    @Override
    public void rollbackVm(String pool, UUID vmId, String snapshot) {
        SnapshotName.require(snapshot);
        String dataset = VolumeLayout.vmDataset(pool, vmId);
        for (String disk : disks(pool, vmId)) {
            run(ZfsArgv.rollback(dataset + "/" + disk, snapshot));
        }
        run(ZfsArgv.rollback(dataset, snapshot));
    }

    @Override
    public List<String> cloneVm(String pool, UUID vmId, String snapshot, UUID newVmId) {
        SnapshotName.require(snapshot);
        if (vmId.equals(newVmId)) {
            throw new IllegalArgumentException("a clone needs a new VM id, was the source's " + vmId);
        }
        String source = VolumeLayout.vmDataset(pool, vmId);
        String target = VolumeLayout.vmDataset(pool, newVmId);
        List<String> disks = disks(pool, vmId);
        if (disks.isEmpty()) {
            throw new IllegalStateException("VM " + vmId + " has no volumes on pool " + pool + " to clone");
        }
        run(ZfsArgv.createFileDataset(target));
        List<String> made = new java.util.ArrayList<>();
        for (String disk : disks) {
            run(ZfsArgv.clone(source + "/" + disk, snapshot, target + "/" + disk));
            made.add(newVmId + "/" + disk);
        }
        return made;
    }

    @Override
    public void destroyVmSnapshot(String pool, UUID vmId, String snapshot) {
        SnapshotName.require(snapshot);
        try {
            run(ZfsArgv.destroySnapshotRecursive(VolumeLayout.vmDataset(pool, vmId), snapshot));
        } catch (HostCommandException e) {
            if (e.stderr().contains(NO_DATASET) || e.stderr().contains("could not find any snapshots")) {
                return;
            }
            throw e;
        }
    }

    @Override
    public void destroyVm(String pool, UUID vmId) {
        try {
            runWhileBusy(ZfsArgv.destroyDataset(VolumeLayout.vmDataset(pool, vmId)),
                    mountRoot.resolve(VolumeLayout.vmDataset(pool, vmId)));
        } catch (HostCommandException e) {
            if (!e.stderr().contains(NO_DATASET)) {
                throw e;
            }
        }
    }

    /** The names of the VM's volumes (the children of its dataset); none when it has no dataset. */
    private List<String> disks(String pool, UUID vmId) {
        String dataset = VolumeLayout.vmDataset(pool, vmId);
        String out;
        try {
            out = run(ZfsArgv.children(dataset));
        } catch (HostCommandException e) {
            if (e.stderr().contains(NO_DATASET)) {
                return List.of();
            }
            throw e;
        }
        return Arrays.stream(out.split("\n")).map(String::strip)
                .flatMap(d -> VolumeLayout.diskOf(pool, vmId, d).stream()).toList();
    }

    /** What QEMU opens for the volume in {@code dataset}. */
    private Path path(String dataset) {
        return backend == VolumeBackend.ZVOL ? Path.of("/dev/zvol", dataset) : mountRoot.resolve(dataset).resolve(IMAGE);
    }

    /**
     * Checks the file first (nothing on the pool changes for a refused one), then converts it into
     * {@code POOL/images/NAME} (a zvol, or {@value #IMAGE} in a dataset) and snapshots it; a failed
     * conversion destroys the half-made dataset, and a leftover of an interrupted import is destroyed
     * before a new one.
     */
    @Override
    public ImageFile importImage(String pool, String name, Path file) {
        requireVolume(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no image file " + file + " on this node");
        }
        ImageFile found = QemuImg.check(file, run(QemuImg.info(file)));
        String dataset = imageDataset(pool, name);
        if (host.exec(ZfsArgv.exists(dataset), timeout).succeeded()) {
            if (images(pool).contains(name)) {
                throw new ConflictException("pool " + pool + " already has an image " + name);
            }
            LOG.warn("Image {}: destroying {}, left over by an interrupted import", name, dataset);
            run(ZfsArgv.destroyDataset(dataset));
        }
        try {
            if (backend == VolumeBackend.ZVOL) {
                run(ZfsArgv.createZvol(dataset, found.sizeBytes()));
                host.run(QemuImg.convertToRaw(found.format(), file, Path.of("/dev/zvol", dataset), true), CONVERT_TIMEOUT);
            } else {
                run(ZfsArgv.createFileDataset(dataset));
                Path target = mountRoot.resolve(pool).resolve("images").resolve(name).resolve(IMAGE);
                host.run(QemuImg.convertToRaw(found.format(), file, target, false), CONVERT_TIMEOUT);
                sync(target);
            }
            run(ZfsArgv.snapshot(dataset, IMAGE_SNAPSHOT));
        } catch (RuntimeException e) {
            try {
                run(ZfsArgv.destroyDataset(dataset));
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        LOG.info("Image {}: imported {} ({} {} bytes) into {}@{}", name, file, found.format(), found.sizeBytes(), dataset,
                IMAGE_SNAPSHOT);
        return found;
    }

    @Override
    public List<String> images(String pool) {
        String prefix = pool + "/images/";
        String suffix = "@" + IMAGE_SNAPSHOT;
        return Arrays.stream(run(ZfsArgv.snapshots(pool)).split("\n")).map(String::strip)
                .filter(s -> s.startsWith(prefix) && s.endsWith(suffix))
                .map(s -> s.substring(prefix.length(), s.length() - suffix.length()))
                .filter(s -> s.indexOf('/') < 0).sorted().toList();
    }

    /** ZFS refuses while clones exist (volumes made from it): that refusal is a conflict naming them. */
    @Override
    public void destroyImage(String pool, String name) {
        String dataset = imageDataset(pool, requireVolume(name));
        if (!host.exec(ZfsArgv.exists(dataset), timeout).succeeded()) {
            return;
        }
        try {
            runWhileBusy(ZfsArgv.destroyDataset(dataset), mountRoot.resolve(dataset));
        } catch (HostCommandException e) {
            if (e.stderr().contains("clone")) {
                throw new ConflictException("image " + name + " on pool " + pool + " is the origin of volumes cloned "
                        + "from it, so ZFS keeps it: " + e.stderr().strip().replace('\n', ' '));
            }
            throw e;
        }
    }

    @Override
    public Path cloneImage(String pool, String image, String volume, long sizeBytes) {
        requireVolume(image);
        // dataset() checks the volume's name; -p makes the VM's parent dataset (POOL/vms/<vm id>) with its first disk
        run(ZfsArgv.cloneSnapshot(imageDataset(pool, image) + "@" + IMAGE_SNAPSHOT, dataset(pool, volume)));
        Path path = volumePath(pool, volume);
        if (backend == VolumeBackend.ZVOL) {
            long size = Long.parseLong(run(ZfsArgv.get(dataset(pool, volume), "volsize")).strip());
            if (sizeBytes > size) {
                run(ZfsArgv.set(dataset(pool, volume), "volsize", Long.toString(sizeBytes)));
            }
            return path;
        }
        if (!Files.isRegularFile(path)) {
            // never a blank file in place of the image's: the clone must be mounted, with the image's file
            run(ZfsArgv.mount(dataset(pool, volume)));
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException("volume " + dataset(pool, volume) + " was cloned from image " + image
                        + " but its " + path + " is missing");
            }
        }
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            if (sizeBytes > file.length()) {
                file.setLength(sizeBytes); // the new tail is sparse
            }
            file.getFD().sync();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot grow " + path + " (volume " + dataset(pool, volume) + ", cloned from "
                    + "image " + image + ")", e);
        }
        return path;
    }

    @Override
    public void sendImage(String pool, String name, OutputStream out) {
        requireVolume(name);
        if (!images(pool).contains(name)) {
            throw new NotFoundException("pool " + pool + " has no image " + name);
        }
        host.pipe(ZfsArgv.send(imageDataset(pool, name) + "@" + IMAGE_SNAPSHOT), null, out, CONVERT_TIMEOUT);
    }

    /**
     * zfs receive makes the dataset with its snapshot; an interrupted receive leaves nothing on zfs-fuse,
     * but the dataset is destroyed after any failure all the same (it did not exist before: checked first).
     */
    @Override
    public void receiveImage(String pool, String name, InputStream in) {
        String dataset = imageDataset(pool, requireVolume(name));
        if (host.exec(ZfsArgv.exists(dataset), timeout).succeeded()) {
            if (images(pool).contains(name)) {
                throw new ConflictException("pool " + pool + " already has an image " + name);
            }
            LOG.warn("Image {}: destroying {}, left over by an interrupted import or copy", name, dataset);
            run(ZfsArgv.destroyDataset(dataset));
        }
        run(ZfsArgv.createFileDataset(pool + "/images"));
        try {
            host.pipe(ZfsArgv.receive(dataset), in, null, CONVERT_TIMEOUT);
            if (!images(pool).contains(name)) {
                throw new IllegalStateException("zfs receive of image " + name + " into pool " + pool
                        + " ended without its snapshot " + dataset + "@" + IMAGE_SNAPSHOT);
            }
        } catch (RuntimeException e) {
            try {
                if (host.exec(ZfsArgv.exists(dataset), timeout).succeeded()) {
                    runWhileBusy(ZfsArgv.destroyDataset(dataset), mountRoot.resolve(dataset));
                }
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        LOG.info("Image {}: received into {}@{}", name, dataset, IMAGE_SNAPSHOT);
    }

    private static String imageDataset(String pool, String image) {
        return pool + "/images/" + image;
    }

    /** Durable before it is recorded: the file and its directory entry (see {@link #createVolume}). */
    private static void sync(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + file + " durable", e);
        }
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the directory entry of " + file + " durable", e);
        }
    }

    Path imagePath(String pool, String volume) {
        return mountRoot.resolve(dataset(pool, volume)).resolve(IMAGE);
    }

    private static String dataset(String pool, String volume) {
        return VolumeLayout.dataset(pool, volume);
    }

    private static String requireVolume(String name) {
        if (name == null || !VOLUME.matcher(name).matches()) {
            throw new IllegalArgumentException("volume and snapshot names must start with a letter or digit and "
                    + "hold only letters, digits, '_', '-', '.' (at most 63), was " + name);
        }
        return name;
    }

    private String run(List<String> argv) {
        return host.run(argv, timeout).stdout();
    }
}
