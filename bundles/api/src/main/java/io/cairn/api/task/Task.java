package io.cairn.api.task;

import java.time.Instant;
import java.util.Objects;

/**
 * A long operation, visible from every node while it runs and after it ends.
 *
 * @param id       task id
 * @param kind     what it does, e.g. {@code vm.start}
 * @param target   the resource it acts on, e.g. a VM name
 * @param node     the node that carries it out, or null until one takes it
 * @param state    lifecycle state
 * @param progress 0 to 100
 * @param message  what it is doing now, or its outcome
 * @param error    why it failed, or null
 * @param created  when it was submitted
 * @param updated  when it last changed
 */
public record Task(String id, String kind, String target, String node, TaskState state, int progress,
                   String message, String error, Instant created, Instant updated) {
    public Task {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(state, "state must not be null");
        if (progress < 0 || progress > 100) {
            throw new IllegalArgumentException("progress must be between 0 and 100, was " + progress);
        }
        Objects.requireNonNull(created, "created must not be null");
        Objects.requireNonNull(updated, "updated must not be null");
    }
}
