package io.cairn.shell.internal;

import io.cairn.api.task.Task;
import io.cairn.api.task.TaskService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import java.io.PrintStream;

@Service
@Command(scope = "task", name = "list", description = "Lists recent tasks, newest first")
public class TaskListCommand implements Action {
    // optional: a missing service must not keep the bundle's other commands (node:*) away
    @Reference(optional = true)
    TaskService tasks;

    @Option(name = "--limit", aliases = "-l", description = "Show at most this many tasks (default 50)")
    int limit = 50;

    PrintStream out = System.out;

    @Override
    public Object execute() {
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1, was " + limit);
        }
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Kind");
        table.column("Target");
        table.column("Node");
        table.column("State");
        table.column("%").alignRight();
        table.column("Updated");
        table.column("Message");
        for (Task task : Format.require(tasks, "task service").tasks().stream().limit(limit).toList()) {
            String message = task.error() != null ? task.error() : Format.orDash(task.message());
            table.addRow().addContent(task.id(), task.kind(), Format.orDash(task.target()), Format.orDash(task.node()),
                    Format.lower(task.state()), task.progress(), task.updated(), message);
        }
        table.print(out);
        return null;
    }
}
