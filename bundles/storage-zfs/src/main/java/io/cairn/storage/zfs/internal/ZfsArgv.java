package io.cairn.storage.zfs.internal;

import io.cairn.api.storage.PoolLayout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The argv of every zpool/zfs call the driver makes (no shell). Pools never use a cache file, so
 * no node imports one by itself at start: only the owner Cairn names imports it.
 */
final class ZfsArgv {
    static final String EPOCH_PROPERTY = "cairn:epoch";

    private ZfsArgv() {
    }

    static List<String> create(PoolLayout layout, Path mountRoot) {
        List<String> argv = new ArrayList<>(List.of("zpool", "create", "-f", "-o", "cachefile=none",
                "-m", mountRoot.resolve(layout.name()).toString(), layout.name(),
                "raidz" + layout.redundancy()));
        argv.addAll(layout.devices());
        return argv;
    }

    static List<String> set(String dataset, String property, String value) {
        return List.of("zfs", "set", property + "=" + value, dataset);
    }

    static List<String> get(String dataset, String property) {
        return List.of("zfs", "get", "-H", "-p", "-o", "value", property, dataset);
    }

    static List<String> importPool(String name, List<Path> searchDirs) {
        List<String> argv = new ArrayList<>(List.of("zpool", "import", "-f", "-o", "cachefile=none"));
        for (Path dir : searchDirs) {
            argv.add("-d");
            argv.add(dir.toString());
        }
        argv.add(name);
        return argv;
    }

    static List<String> export(String name) {
        return List.of("zpool", "export", "-f", name);
    }

    static List<String> destroy(String name) {
        return List.of("zpool", "destroy", "-f", name);
    }

    static List<String> listPools() {
        return List.of("zpool", "list", "-H", "-o", "name");
    }

    static List<String> sizes(String name) {
        return List.of("zpool", "list", "-H", "-o", "name,size,allocated,health", name);
    }

    static List<String> status(String name) {
        return List.of("zpool", "status", name);
    }

    static List<String> scrub(String name) {
        return List.of("zpool", "scrub", name);
    }

    /**
     * Drops the page cache of a file vdev: {@code iflag=nocache} with {@code count=0} reads nothing and
     * asks the kernel (fadvise DONTNEED over the whole file) to forget its cached pages.
     */
    static List<String> dropPageCache(Path file) {
        return List.of("dd", "if=" + file, "iflag=nocache", "count=0", "status=none");
    }

    static List<String> online(String name, String device) {
        return List.of("zpool", "online", name, device);
    }

    static List<String> clear(String name, String device) {
        return List.of("zpool", "clear", name, device);
    }

    static List<String> createFileDataset(String dataset) {
        return List.of("zfs", "create", "-p", dataset);
    }

    static List<String> createZvol(String dataset, long sizeBytes) {
        return List.of("zfs", "create", "-p", "-V", Long.toString(sizeBytes), dataset);
    }

    static List<String> destroyDataset(String dataset) {
        return List.of("zfs", "destroy", "-r", dataset);
    }

    static List<String> children(String dataset) {
        return List.of("zfs", "list", "-H", "-r", "-d", "1", "-o", "name", dataset);
    }

    static List<String> snapshot(String dataset, String snapshot) {
        return List.of("zfs", "snapshot", dataset + "@" + snapshot);
    }

    static List<String> rollback(String dataset, String snapshot) {
        return List.of("zfs", "rollback", "-r", dataset + "@" + snapshot);
    }

    static List<String> clone(String dataset, String snapshot, String target) {
        return List.of("zfs", "clone", dataset + "@" + snapshot, target);
    }

    /** Every filesystem and volume of the pool, recursively (the volumes are found among them). */
    static List<String> datasets(String pool) {
        return List.of("zfs", "list", "-H", "-r", "-t", "filesystem,volume", "-o", "name", pool);
    }

    /** One atomic snapshot of {@code dataset} and all its descendants. */
    static List<String> snapshotRecursive(String dataset, String snapshot) {
        return List.of("zfs", "snapshot", "-r", dataset + "@" + snapshot);
    }

    /** Creation time (epoch seconds) and used bytes of the dataset, its descendants and all their snapshots. */
    static List<String> creationAndUsed(String dataset) {
        return List.of("zfs", "get", "-H", "-p", "-r", "-o", "name,property,value", "creation,used", dataset);
    }

    /** The snapshot of {@code dataset} and of every descendant that has one by that name. */
    static List<String> destroySnapshotRecursive(String dataset, String snapshot) {
        return List.of("zfs", "destroy", "-r", dataset + "@" + snapshot);
    }

    /** Every snapshot of the pool, one name a line (images are those named {@code POOL/images/NAME@image}). */
    static List<String> snapshots(String pool) {
        return List.of("zfs", "list", "-H", "-t", "snapshot", "-o", "name", "-r", pool);
    }

    /** Exits non-zero when the dataset does not exist. */
    static List<String> exists(String dataset) {
        return List.of("zfs", "list", "-H", "-o", "name", dataset);
    }

    /** A clone of {@code snapshot} at {@code target}, with its missing parents made ({@code -p}). */
    static List<String> cloneSnapshot(String snapshot, String target) {
        return List.of("zfs", "clone", "-p", snapshot, target);
    }

    /** A full replication stream of one snapshot, to stdout. */
    static List<String> send(String snapshot) {
        return List.of("zfs", "send", snapshot);
    }

    /** A new dataset from a stream on stdin (no -F: an existing dataset is never overwritten). */
    static List<String> receive(String dataset) {
        return List.of("zfs", "receive", dataset);
    }

    static List<String> mount(String dataset) {
        return List.of("zfs", "mount", dataset);
    }
}
