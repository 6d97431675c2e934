package io.cairn.core.internal.storage;

import io.cairn.api.storage.PoolHealth;
import io.cairn.api.storage.PoolLayout;
import io.cairn.api.storage.PoolObservation;
import io.cairn.api.storage.PoolStatus;
import io.cairn.api.storage.ScrubStatus;
import io.cairn.api.storage.StorageDriver;
import io.cairn.api.storage.VolumeBackend;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Hazelcast-free stand-ins for the storage tests: tasks and statuses in maps, a driver that records scrubs. */
final class StorageFakes {
    /** Pool tank: raidz1 of one disk of n1, n2 and n3, owned by n1. */
    static io.cairn.api.storage.Pool tank() {
        return new io.cairn.api.storage.Pool(new io.cairn.api.storage.PoolSpec("tank", 1, null, false, "n1"),
                List.of(new io.cairn.api.storage.PoolMember("n1", "/d/1"), new io.cairn.api.storage.PoolMember("n2", "/d/2"),
                        new io.cairn.api.storage.PoolMember("n3", "/d/3")), 10809, Instant.now());
    }

    /** Tank recorded, built and imported by n1: in the store, in its status and in {@code driver}. */
    static io.cairn.api.storage.PoolOwnership builtAndImported(PoolStore store, Statuses statuses, Driver driver) {
        io.cairn.api.storage.PoolOwnership owner = store.create(tank(), "n1");
        store.markBuilt("tank", owner);
        statuses.imported("tank", "n1", owner.epoch(), true);
        driver.imported.add("tank");
        return owner;
    }

    /** What a driver method the pool code under test must never call says if it is called. */
    private static final String UNUSED = "the pool request tests never call ";

    private StorageFakes() {
    }

    /** Pool statuses kept in a map. */
    static final class Statuses extends PoolStatusBoard {
        final Map<String, PoolStatus> map = new ConcurrentHashMap<>();

        @Override
        void report(PoolStatus status) {
            map.put(status.name(), status);
        }

        @Override
        Optional<PoolStatus> get(String pool) {
            return Optional.ofNullable(map.get(pool));
        }

        void imported(String pool, String owner, long epoch, boolean imported) {
            report(new PoolStatus(pool, owner, epoch, imported, imported ? PoolHealth.ONLINE : PoolHealth.UNKNOWN,
                    "raidz1", List.of(), ScrubStatus.NONE, 0, 0, VolumeBackend.FILE, "", Instant.now()));
        }
    }

    /** A driver whose pool shows the scan line the test sets; records each scrub. */
    static final class Driver implements StorageDriver {
        final List<String> scrubs = new CopyOnWriteArrayList<>();
        final List<String> destroyed = new CopyOnWriteArrayList<>();
        final List<String> imported = new CopyOnWriteArrayList<>();
        final List<String> exported = new CopyOnWriteArrayList<>();
        volatile ScrubStatus scan = ScrubStatus.NONE;
        volatile RuntimeException scrubFails;

        @Override
        public void scrub(String name) {
            if (scrubFails != null) {
                throw scrubFails;
            }
            scrubs.add(name);
        }

        @Override
        public Optional<PoolObservation> observe(String name) {
            return Optional.of(new PoolObservation(name, PoolHealth.ONLINE, "raidz1", List.of(), scan, 0, 0));
        }

        @Override
        public VolumeBackend volumeBackend() {
            return VolumeBackend.FILE;
        }

        @Override
        public void createPool(PoolLayout layout) {
            throw new UnsupportedOperationException(UNUSED + "createPool");
        }

        @Override
        public void importPool(String name, List<Path> searchDirs) {
            throw new UnsupportedOperationException(UNUSED + "importPool");
        }

        @Override
        public void exportPool(String name) {
            exported.add(name);
            imported.remove(name);
        }

        @Override
        public void destroyPool(String name) {
            destroyed.add(name);
            imported.remove(name);
        }

        @Override
        public List<String> importedPools() {
            return List.copyOf(imported);
        }

        @Override
        public void writeEpoch(String name, long epoch) {
            throw new UnsupportedOperationException(UNUSED + "writeEpoch");
        }

        @Override
        public OptionalLong readEpoch(String name) {
            return OptionalLong.empty();
        }

        @Override
        public void onlineMember(String name, String device) {
            throw new UnsupportedOperationException(UNUSED + "onlineMember");
        }

        /** Volumes made empty, by name. */
        final List<String> created = new CopyOnWriteArrayList<>();

        @Override
        public Path createVolume(String pool, String volume, long sizeBytes) {
            created.add(volume);
            return Path.of("/p", pool, "vols", volume, "disk.img");
        }

        @Override
        public Path volumePath(String pool, String volume) {
            throw new UnsupportedOperationException(UNUSED + "volumePath");
        }

        @Override
        public void destroyVolume(String pool, String volume) {
            throw new UnsupportedOperationException(UNUSED + "destroyVolume");
        }

        @Override
        public List<String> volumes(String pool) {
            return List.of();
        }

        @Override
        public void snapshot(String pool, String volume, String snapshot) {
            throw new UnsupportedOperationException(UNUSED + "snapshot");
        }

        @Override
        public void rollback(String pool, String volume, String snapshot) {
            throw new UnsupportedOperationException(UNUSED + "rollback");
        }

        @Override
        public Path cloneVolume(String pool, String volume, String snapshot, String target) {
            throw new UnsupportedOperationException(UNUSED + "cloneVolume");
        }

        @Override
        public void snapshotVm(String pool, java.util.UUID vmId, String snapshot) {
            throw new UnsupportedOperationException(UNUSED + "snapshotVm");
        }

        @Override
        public List<io.cairn.api.storage.VolumeSnapshot> vmSnapshots(String pool, java.util.UUID vmId) {
            throw new UnsupportedOperationException(UNUSED + "vmSnapshots");
        }

        @Override
        public void rollbackVm(String pool, java.util.UUID vmId, String snapshot) {
            throw new UnsupportedOperationException(UNUSED + "rollbackVm");
        }

        @Override
        public List<String> cloneVm(String pool, java.util.UUID vmId, String snapshot, java.util.UUID newVmId) {
            throw new UnsupportedOperationException(UNUSED + "cloneVm");
        }

        @Override
        public void destroyVmSnapshot(String pool, java.util.UUID vmId, String snapshot) {
            throw new UnsupportedOperationException(UNUSED + "destroyVmSnapshot");
        }

        @Override
        public void destroyVm(String pool, java.util.UUID vmId) {
            throw new UnsupportedOperationException(UNUSED + "destroyVm");
        }

        /** Imported images by "pool/name"; a file whose text starts with "text" is refused as ZFS's driver would. */
        final Map<String, io.cairn.api.storage.ImageFile> images = new ConcurrentHashMap<>();
        /** volume -> the image it was cloned from; an image with clones is not destroyed. */
        final Map<String, String> clones = new ConcurrentHashMap<>();
        volatile RuntimeException importFails;

        @Override
        public io.cairn.api.storage.ImageFile importImage(String pool, String name, Path file) {
            if (importFails != null) {
                throw importFails;
            }
            try {
                if (java.nio.file.Files.readString(file).startsWith("text")) {
                    throw new IllegalArgumentException("file " + file.getFileName() + " is not a disk image: qemu-img "
                            + "detected format raw, and it has no boot signature 0x55AA at offset 510");
                }
                io.cairn.api.storage.ImageFile found = new io.cairn.api.storage.ImageFile("qcow2",
                        java.nio.file.Files.size(file) << 20);
                images.put(pool + "/" + name, found);
                return found;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public List<String> images(String pool) {
            return images.keySet().stream().filter(k -> k.startsWith(pool + "/"))
                    .map(k -> k.substring(pool.length() + 1)).sorted().toList();
        }

        @Override
        public void destroyImage(String pool, String name) {
            if (clones.containsValue(name)) {
                throw new io.cairn.api.common.ConflictException("image " + name + " on pool " + pool
                        + " is the origin of volumes cloned from it");
            }
            images.remove(pool + "/" + name);
        }

        /** A receive fails (after reading) with this, as zfs receive would on a bad stream. */
        volatile RuntimeException receiveFails;

        /** Streams "format size" and then size bytes of the image (the fake's image content is that many 'i's). */
        @Override
        public void sendImage(String pool, String name, java.io.OutputStream out) {
            io.cairn.api.storage.ImageFile file = images.get(pool + "/" + name);
            if (file == null) {
                throw new io.cairn.api.common.NotFoundException("pool " + pool + " has no image " + name);
            }
            try {
                out.write((file.format() + " " + file.sizeBytes() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                byte[] block = new byte[64 << 10];
                java.util.Arrays.fill(block, (byte) 'i');
                for (long left = Math.min(file.sizeBytes(), 1 << 20); left > 0; left -= block.length) {
                    out.write(block, 0, (int) Math.min(block.length, left));
                }
            } catch (java.io.IOException e) {
                throw new io.cairn.api.host.HostCommandException(List.of("zfs", "send"), -1, "", "stdout broke off", e);
            }
        }

        @Override
        public void receiveImage(String pool, String name, java.io.InputStream in) {
            if (images.containsKey(pool + "/" + name)) {
                throw new io.cairn.api.common.ConflictException("pool " + pool + " already has an image " + name);
            }
            try {
                byte[] all = in.readAllBytes();
                if (receiveFails != null) {
                    throw receiveFails;
                }
                String head = new String(all, 0, Math.min(all.length, 64), java.nio.charset.StandardCharsets.UTF_8);
                String[] f = head.substring(0, head.indexOf('\n')).split(" ");
                images.put(pool + "/" + name, new io.cairn.api.storage.ImageFile(f[0], Long.parseLong(f[1])));
            } catch (java.io.IOException e) {
                throw new io.cairn.api.host.HostCommandException(List.of("zfs", "receive"), -1, "",
                        "killed: its stdin broke off: " + e.getMessage(), e);
            }
        }

        @Override
        public Path cloneImage(String pool, String image, String volume, long sizeBytes) {
            if (!images.containsKey(pool + "/" + image)) {
                throw new IllegalStateException("no image " + image + " on " + pool);
            }
            clones.put(volume, image);
            return Path.of("/p", pool, "vols", volume, "disk.img");
        }
    }

    /** Records which members' attachments were dropped and which exports stopped; serves nothing else. */
    static final class Exports implements io.cairn.api.storage.DiskExportDriver {
        final List<String> detached = new CopyOnWriteArrayList<>();
        final List<String> stopped = new CopyOnWriteArrayList<>();
        final List<String> served = new CopyOnWriteArrayList<>();

        @Override
        public void serve(io.cairn.api.storage.DiskExport export) {
            served.add(export.pool());
        }

        @Override
        public void stop(String pool) {
            stopped.add(pool);
            served.remove(pool);
        }

        @Override
        public List<String> servedPools() {
            return List.copyOf(served);
        }

        @Override
        public Optional<String> served(String pool) {
            return Optional.empty();
        }

        @Override
        public Path attach(String pool, String member, String address, int port, String exportName) {
            throw new UnsupportedOperationException(UNUSED + "attach");
        }

        @Override
        public Path attachLocal(String pool, String member, String disk) {
            throw new UnsupportedOperationException(UNUSED + "attachLocal");
        }

        @Override
        public boolean attached(String pool, String member) {
            return false;
        }

        @Override
        public void detach(String pool, String member) {
            detached.add(pool + "/" + member);
        }

        @Override
        public Path attachmentDir(String pool, String member) {
            throw new UnsupportedOperationException(UNUSED + "attachmentDir");
        }
    }
}
