package io.cairn.api.task;

/** Lifecycle of a task. */
public enum TaskState {
    QUEUED, RUNNING, SUCCEEDED, FAILED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
