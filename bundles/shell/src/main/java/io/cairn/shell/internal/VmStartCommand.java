package io.cairn.shell.internal;

import io.cairn.api.compute.VmAdminService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.io.PrintStream;

@Service
@Command(scope = "vm", name = "start", description = "Starts a VM")
public class VmStartCommand implements Action {
    // optional: a missing service must not keep the bundle's other commands (node:*) away
    @Reference(optional = true)
    VmAdminService admin;

    @Argument(index = 0, name = "name", description = "VM name", required = true)
    @Completion(VmNameCompleter.class)
    String name;

    PrintStream out = System.out;

    @Override
    public Object execute() {
        Format.printTask(out, Format.require(admin, "VM admin service").start(name));
        return null;
    }
}
