package io.cairn.shell.internal;

import io.cairn.api.storage.StorageAdminService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.io.PrintStream;

@Service
@Command(scope = "pool", name = "move", description = "Moves a pool, and the VMs whose disks are on it, to another member node",
        detailedDescription = "Example: pool:move tank n2. The pool's owner hands the VMs to the node (their domains "
                + "stop here: there is no live migration), exports the pool and hands it over; the node imports it and "
                + "starts the VMs that were running. The node must give the pool a disk and be up. Follow the task "
                + "with task:list.")
public class PoolMoveCommand implements Action {
    @Reference(optional = true)
    StorageAdminService admin;

    @Argument(index = 0, name = "pool", description = "Pool name", required = true)
    @Completion(PoolNameCompleter.class)
    String pool;

    @Argument(index = 1, name = "node", description = "The member node that takes the pool", required = true)
    String node;

    PrintStream out = System.out;

    @Override
    public Object execute() {
        Format.printTask(out, Format.require(admin, "storage admin service").movePool(pool, node));
        return null;
    }
}
