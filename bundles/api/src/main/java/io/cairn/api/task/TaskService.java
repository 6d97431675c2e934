package io.cairn.api.task;

import java.util.List;
import java.util.Optional;

/** Read access to tasks. */
public interface TaskService {
    /** Recent tasks, newest first. */
    List<Task> tasks();

    Optional<Task> task(String id);
}
