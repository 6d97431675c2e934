package io.cairn.rest.internal;

import io.cairn.api.task.Task;

import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriBuilder;
import javax.ws.rs.core.UriInfo;
import java.net.URI;

/** The answer to an operation that a task carries out: 202 with the task as body and its URL in Location. */
final class TaskAccepted {
    private TaskAccepted() {
    }

    static Response of(Task task, UriInfo uri) {
        return Response.accepted(task).location(taskUri(uri, task)).build();
    }

    /** The task's URL, on the same scheme, host and root as the request that made it. */
    private static URI taskUri(UriInfo uri, Task task) {
        String absolute = uri.getAbsolutePath().toString();
        String relative = uri.getPath(false);
        String root = absolute.endsWith(relative) ? absolute.substring(0, absolute.length() - relative.length())
                : uri.getBaseUri().toString();
        return UriBuilder.fromUri(root).path(TasksResource.class).path(task.id()).build();
    }
}
