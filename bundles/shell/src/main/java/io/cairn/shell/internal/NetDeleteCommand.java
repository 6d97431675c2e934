package io.cairn.shell.internal;

import io.cairn.api.network.NetworkAdminService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.io.PrintStream;

@Service
@Command(scope = "net", name = "delete", description = "Deletes a network (refused while a VM has a NIC on it)")
public class NetDeleteCommand implements Action {
    @Reference(optional = true)
    NetworkAdminService admin;

    @Argument(index = 0, name = "name", description = "Network name", required = true)
    @Completion(NetworkNameCompleter.class)
    String name;

    PrintStream out = System.out;

    @Override
    public Object execute() {
        Format.require(admin, "network admin service").delete(name);
        out.printf("Deleted network %s%n", name);
        return null;
    }
}
