package io.cairn.rest.internal;

import io.cairn.api.common.DnsLabel;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.task.Task;
import io.cairn.api.task.TaskService;
import io.cairn.web.Services;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import java.util.List;
import java.util.function.Supplier;

/** /tasks: long operations, newest first. */
@Path("/tasks")
@Produces(MediaType.APPLICATION_JSON)
public class TasksResource {
    private final Supplier<TaskService> tasks;

    public TasksResource(Supplier<TaskService> tasks) {
        this.tasks = tasks;
    }

    private TaskService tasks() {
        return Services.require(tasks, "the task service");
    }

    @GET
    public List<Task> list() {
        return tasks().tasks();
    }

    @GET
    @Path("/{id}")
    public Task get(@PathParam("id") String id) {
        return tasks().task(id).orElseThrow(
                () -> new NotFoundException("no task with id '" + DnsLabel.printable(id) + "'"));
    }
}
