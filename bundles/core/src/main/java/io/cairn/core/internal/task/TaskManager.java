package io.cairn.core.internal.task;

import io.cairn.core.internal.cluster.SoftWrites;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import io.cairn.api.task.Task;
import io.cairn.api.task.TaskService;
import io.cairn.api.task.TaskState;
import io.cairn.core.internal.cluster.ClusterMember;
import io.cairn.core.internal.json.Json;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Tasks live in a Hazelcast map (soft state, visible from every node, kept a day). The durable
 * intent behind a task is always in the consistent store, so losing a task record loses only
 * the progress report, never the operation.
 */
@Component(service = {TaskService.class, TaskManager.class})
public class TaskManager implements TaskService {
    private static final Logger LOG = LoggerFactory.getLogger(TaskManager.class);
    static final String MAP = "cairn.tasks";
    private static final long TTL_HOURS = 24;
    private static final int LIST_LIMIT = 1000;

    @Reference
    private ClusterMember member;

    private IMap<String, String> map;

    @Activate
    void activate() {
        map = member.hazelcast().getMap(MAP);
    }

    /**
     * Records the progress report of an operation whose intent is already committed to the
     * consistent store; the node that carries it out acts on that record, never on this one.
     */
    public Task submit(String kind, String target, String node) {
        return submit(UUID.randomUUID().toString(), kind, target, node);
    }

    /** As {@link #submit(String, String, String)}, with the id of the request record it reports. */
    public Task submit(String id, String kind, String target, String node) {
        Instant now = Instant.now();
        Task task = new Task(id, kind, target, node, TaskState.QUEUED, 0,
                "queued on " + node, null, now, now);
        map.set(task.id(), Json.write(task), TTL_HOURS, TimeUnit.HOURS);
        return task;
    }

    public void running(Task task, String message) {
        put(task, TaskState.RUNNING, 10, message, null);
    }

    public void succeeded(Task task, String message) {
        put(task, TaskState.SUCCEEDED, 100, message, null);
    }

    public void failed(Task task, String error) {
        put(task, TaskState.FAILED, 100, "failed", error);
    }

    /** Progress reports are soft state: a slow or split Hazelcast never fails the work reported on. */
    private void put(Task task, TaskState state, int progress, String message, String error) {
        Task next = new Task(task.id(), task.kind(), task.target(), task.node(), state, progress,
                message, error, task.created(), Instant.now());
        try {
            SoftWrites.onFailure(map.setAsync(next.id(), Json.write(next), TTL_HOURS, TimeUnit.HOURS), e ->
                    LOG.warn("Progress of task {} not published ({})", next.id(), e.toString()));
        } catch (RuntimeException e) {
            LOG.warn("Progress of task {} not published ({})", next.id(), e.toString());
        }
    }

    @Override
    public List<Task> tasks() {
        return map.entrySet().stream().map(e -> parse(e.getKey(), e.getValue())).flatMap(Optional::stream)
                .sorted(Comparator.comparing(Task::created).reversed()).limit(LIST_LIMIT).toList();
    }

    @Override
    public Optional<Task> task(String id) {
        String json = id == null ? null : map.get(id);
        return json == null ? Optional.empty() : parse(id, json);
    }

    /**
     * Queued tasks for {@code node} whose kind starts with {@code kindPrefix} (e.g. {@code "vm."}: each
     * area hears only its own tasks), now and as they are submitted. Anyone who reaches the
     * cluster network can write this map, so an entry that is not a task is skipped (and
     * logged), never a reason to fail.
     */
    public UUID onQueued(String node, String kindPrefix, Consumer<Task> consumer) {
        Predicate<Task> mine = t -> node.equals(t.node()) && t.state() == TaskState.QUEUED
                && t.kind().startsWith(kindPrefix);
        UUID id = map.addEntryListener((EntryAddedListener<String, String>) (EntryEvent<String, String> e) ->
                parse(e.getKey(), e.getValue()).filter(mine).ifPresent(consumer), true);
        map.entrySet().stream().map(e -> parse(e.getKey(), e.getValue())).flatMap(Optional::stream)
                .filter(mine).forEach(consumer);
        return id;
    }

    private static Optional<Task> parse(String key, String json) {
        try {
            return Optional.of(Json.read(json, Task.class));
        } catch (RuntimeException e) {
            LOG.warn("Skipping entry {} of the task map: not a task ({})", key, e.getMessage());
            return Optional.empty();
        }
    }

    public void removeListener(UUID id) {
        try {
            map.removeEntryListener(id);
        } catch (RuntimeException ignored) {
            // Hazelcast already shut down: nothing left to listen to
        }
    }
}
