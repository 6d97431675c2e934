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
@Command(scope = "pool", name = "delete", description = "Destroys a pool on its owner and frees its member disks",
        detailedDescription = "Example: pool:delete tank. Refused while VMs have disks on the pool (delete them "
                + "first) or while its owner has not imported it. The pool's owner destroys it with everything on "
                + "it; follow the task with task:list.")
public class PoolDeleteCommand implements Action {
    @Reference(optional = true)
    StorageAdminService admin;

    @Argument(index = 0, name = "name", description = "Pool name", required = true)
    @Completion(PoolNameCompleter.class)
    String name;

    PrintStream out = System.out;

    @Override
    public Object execute() {
        Format.printTask(out, Format.require(admin, "storage admin service").deletePool(name));
        return null;
    }
}
