package io.cairn.core.internal.compute;

import io.cairn.api.common.UnavailableException;
import io.cairn.api.compute.BootSpec;
import io.cairn.api.compute.ComputeDriver;
import io.cairn.api.compute.DomainInfo;
import io.cairn.api.compute.DomainRequest;
import io.cairn.api.compute.DomainState;
import io.cairn.api.compute.PowerState;
import io.cairn.api.compute.Vm;
import io.cairn.api.compute.VmSpec;
import io.cairn.api.compute.VmStatus;
import io.cairn.api.state.ConsistentStore;
import io.cairn.api.state.StoreOp;
import io.cairn.api.task.Task;
import io.cairn.api.task.TaskState;
import io.cairn.core.internal.fencing.NodeLease;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Hazelcast-free stand-ins for core's soft-state services, a recording compute driver, and executors the test drives. */
public final class CoreFakes {
    private CoreFakes() {
    }

    static Vm vm(String name, boolean ha, PowerState power) {
        return vm(name, ha, power, 128);
    }

    static Vm vm(String name, boolean ha, PowerState power, long memoryMiB) {
        VmSpec spec = new VmSpec(name, null, 1, memoryMiB, List.of(), new BootSpec("vmlinuz", null, null), null, ha,
                null);
        return new Vm(UUID.randomUUID(), spec, power, Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** Statuses kept in a map instead of Hazelcast. */
    static final class Statuses extends VmStatusBoard {
        final Map<String, VmStatus> map = new ConcurrentHashMap<>();
        final List<String> removed = new CopyOnWriteArrayList<>();

        @Override
        public void report(String vmName, VmStatus status) {
            map.put(vmName, status);
        }

        @Override
        public Optional<VmStatus> get(String vmName) {
            return Optional.ofNullable(map.get(vmName));
        }

        @Override
        public Map<String, VmStatus> getAll(Set<String> vmNames) {
            Map<String, VmStatus> out = new HashMap<>();
            vmNames.forEach(n -> {
                if (map.containsKey(n)) {
                    out.put(n, map.get(n));
                }
            });
            return out;
        }

        @Override
        public void remove(String vmName) {
            map.remove(vmName);
            removed.add(vmName);
        }
    }

    /** Tasks kept in a map instead of Hazelcast; the latest report of each. */
    public static final class Tasks extends io.cairn.core.internal.task.TaskManager {
        public final Map<String, Task> byId = new ConcurrentHashMap<>();
        final List<Task> submitted = new CopyOnWriteArrayList<>();
        volatile Consumer<Task> queued;

        @Override
        public Task submit(String id, String kind, String target, String node) {
            Instant now = Instant.now();
            Task task = new Task(id, kind, target, node, TaskState.QUEUED, 0, "queued on " + node, null, now, now);
            byId.put(id, task);
            submitted.add(task);
            Consumer<Task> q = queued;
            if (q != null) {
                q.accept(task);
            }
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
        public List<Task> tasks() {
            return List.copyOf(byId.values());
        }

        @Override
        public Optional<Task> task(String id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public UUID onQueued(String node, String kindPrefix, Consumer<Task> consumer) {
            queued = t -> {
                if (node.equals(t.node()) && t.kind().startsWith(kindPrefix)) {
                    consumer.accept(t);
                }
            };
            return UUID.randomUUID();
        }

        @Override
        public void removeListener(UUID id) {
            queued = null;
        }
    }

    /**
     * This node's lease as the reconciler sees it: {@link #mayRunVms()} answers what the test set
     * (or the queued answers first), and {@link #commitUnderLease} commits conditionally on the
     * lease record's version in the store, as {@link NodeLease} does, so a lease expired by the
     * cluster refuses the commit.
     */
    static final class Lease extends NodeLease {
        private final ConsistentStore store;
        private final String key;
        volatile boolean valid = true;
        final Deque<Boolean> answers = new ArrayDeque<>();
        long version;
        volatile BooleanSupplier fence = () -> false;

        Lease(ConsistentStore store, String node) {
            this.store = store;
            this.key = "lease/" + node;
        }

        Lease acquire() {
            version = store.put(key, "{}", StoreOp.ABSENT);
            return this;
        }

        @Override
        public synchronized boolean mayRunVms() {
            Boolean next = answers.poll();
            return next != null ? next : valid;
        }

        @Override
        public String problem() {
            return "node does not hold a valid lease: test";
        }

        @Override
        public synchronized long commitUnderLease(List<StoreOp> ops) {
            if (!mayRunVms()) { // as NodeLease: refused unless the node may run VMs
                throw new UnavailableException(problem());
            }
            List<StoreOp> all = new ArrayList<>(ops);
            all.add(StoreOp.put(key, "{}", version));
            version = store.commit(all);
            return version;
        }

        @Override
        public void setLocalFence(BooleanSupplier f) {
            fence = f == null ? () -> false : f;
        }
    }

    /** A compute driver that records every call and keeps its domains in a map. */
    static final class Driver implements ComputeDriver {
        final Map<UUID, DomainInfo> domains = new ConcurrentHashMap<>();
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<DomainRequest> starts = new CopyOnWriteArrayList<>();
        volatile Runnable duringStart = () -> { };

        @Override
        public String type() {
            return "test";
        }

        @Override
        public List<DomainInfo> domains() {
            return List.copyOf(domains.values());
        }

        @Override
        public Optional<DomainInfo> domain(UUID vmId) {
            return Optional.ofNullable(domains.get(vmId));
        }

        @Override
        public void start(DomainRequest request) {
            calls.add("start " + request.vm().name() + " epoch " + request.epoch());
            starts.add(request);
            duringStart.run();
            domains.put(request.vm().id(), new DomainInfo(request.vm().id(), "cairn-" + request.vm().name(),
                    DomainState.RUNNING, request.owner(), request.epoch()));
        }

        @Override
        public boolean shutdown(UUID vmId, Duration timeout) {
            calls.add("shutdown " + vmId);
            domains.remove(vmId);
            return true;
        }

        @Override
        public void destroy(UUID vmId) {
            calls.add("destroy " + vmId);
            domains.remove(vmId);
        }

        @Override
        public void reboot(UUID vmId) {
            calls.add("reboot " + vmId);
        }

        void running(Vm vm, String owner, long epoch) {
            domains.put(vm.id(), new DomainInfo(vm.id(), "cairn-" + vm.name(), DomainState.RUNNING, owner, epoch));
        }

        long startsOf(String name) {
            return calls.stream().filter(c -> c.startsWith("start " + name + " ")).count();
        }
    }

    /** Runs every task at once on the caller's thread: a pass is over when the call that woke it returns. */
    static final class Inline extends AbstractExecutorService {
        private volatile boolean shutdown;

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }

    /** A timer that only records what is scheduled; the test runs the one-shot work with {@link #runDue()}. */
    static final class ManualTimer extends ScheduledThreadPoolExecutor {
        final List<Runnable> due = new CopyOnWriteArrayList<>();
        final List<Runnable> periodic = new CopyOnWriteArrayList<>();

        ManualTimer() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            due.add(command);
            return super.schedule(() -> { }, 1, TimeUnit.DAYS);
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
            periodic.add(command);
            return super.schedule(() -> { }, 1, TimeUnit.DAYS);
        }

        /** Runs what was due so far (not what that schedules); returns how many ran. */
        int runDue() {
            List<Runnable> now = List.copyOf(due);
            due.removeAll(now);
            now.forEach(Runnable::run);
            return now.size();
        }
    }
}
