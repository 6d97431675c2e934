package io.cairn.shell.internal;

import io.cairn.api.compute.VmAdminService;
import io.cairn.api.task.Task;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

import java.io.PrintStream;

/** A command that asks the VM admin service for one operation on one VM and prints its task. */
abstract class VmTaskCommand implements Action {
    // optional: a missing service must not keep the bundle's other commands (node:*) away
    @Reference(optional = true)
    VmAdminService admin;

    @Argument(index = 0, name = "name", description = "VM name", required = true)
    @Completion(VmNameCompleter.class)
    String name;

    PrintStream out = System.out;

    /** The operation, e.g. {@code admin.start(name)}. */
    abstract Task apply(VmAdminService service, String vm);

    @Override
    public Object execute() {
        Format.printTask(out, apply(Format.require(admin, "VM admin service"), name));
        return null;
    }
}
