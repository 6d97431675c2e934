package io.cairn.core.internal.storage;

import io.cairn.api.storage.PoolHealth;
import io.cairn.api.storage.PoolLayout;
import io.cairn.api.storage.PoolObservation;
import io.cairn.api.storage.PoolStatus;
import io.cairn.api.storage.ScrubStatus;
import io.cairn.api.storage.StorageDriver;
import io.cairn.api.storage.VolumeBackend;
import io.cairn.api.task.Task;
import io.cairn.api.task.TaskState;
import io.cairn.core.internal.task.TaskManager;

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
    private StorageFakes() {
    }

    /** Tasks kept in a map; the latest report of each. */
    static final class Tasks extends TaskManager {
        final Map<String, Task> byId = new ConcurrentHashMap<>();

        @Override
        public Task submit(String id, String kind, String target, String node) {
            Instant now = Instant.now();
            Task task = new Task(id, kind, target, node, TaskState.QUEUED, 0, "queued on " + node, null, now, now);
            byId.put(id, task);
            return task;
        }

        @Override
        public void running(Task task, String message) {
            put(task, TaskState.RUNNING, message, null);
        }

        @Override
        public void succeeded(Task task, String message) {
            put(task, TaskState.SUCCEEDED, message, null);
        }

        @Override
        public void failed(Task task, String error) {
            put(task, TaskState.FAILED, "failed", error);
        }

        private void put(Task t, TaskState state, String message, String error) {
            byId.put(t.id(), new Task(t.id(), t.kind(), t.target(), t.node(), state, state == TaskState.RUNNING ? 10 : 100,
                    message, error, t.created(), Instant.now()));
        }

        @Override
        public Optional<Task> task(String id) {
            return Optional.ofNullable(byId.get(id));
        }
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
            throw new UnsupportedOperationException();
        }

        @Override
        public void importPool(String name, List<Path> searchDirs) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void exportPool(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void destroyPool(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> importedPools() {
            return List.of();
        }

        @Override
        public void writeEpoch(String name, long epoch) {
            throw new UnsupportedOperationException();
        }

        @Override
        public OptionalLong readEpoch(String name) {
            return OptionalLong.empty();
        }

        @Override
        public void onlineMember(String name, String device) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Path createVolume(String pool, String volume, long sizeBytes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Path volumePath(String pool, String volume) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void destroyVolume(String pool, String volume) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> volumes(String pool) {
            return List.of();
        }

        @Override
        public void snapshot(String pool, String volume, String snapshot) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void rollback(String pool, String volume, String snapshot) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Path cloneVolume(String pool, String volume, String snapshot, String target) {
            throw new UnsupportedOperationException();
        }
    }
}
