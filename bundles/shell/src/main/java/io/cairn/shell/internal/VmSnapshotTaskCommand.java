package io.cairn.shell.internal;

import io.cairn.api.compute.VmSnapshotService;
import io.cairn.api.task.Task;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

import java.io.PrintStream;

/** A command that asks the VM snapshot service for one operation on a VM and prints its task. */
abstract class VmSnapshotTaskCommand implements Action {
    // optional: a missing service must not keep the bundle's other commands away
    @Reference(optional = true)
    VmSnapshotService snapshots;

    @Argument(index = 0, name = "vm", description = "VM name", required = true)
    @Completion(VmNameCompleter.class)
    String vm;

    PrintStream out = System.out;

    abstract Task apply(VmSnapshotService service);

    @Override
    public Object execute() {
        Format.printTask(out, apply(Format.require(snapshots, "VM snapshot service")));
        return null;
    }
}
