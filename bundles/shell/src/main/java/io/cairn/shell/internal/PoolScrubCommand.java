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
@Command(scope = "pool", name = "scrub", description = "Scrubs a pool on its owner and repairs what it finds",
        detailedDescription = "Example: pool:scrub tank. The pool's owner runs the scrub; follow it with task:list "
                + "or pool:list (Scrub column). Refused while the owner has not imported the pool yet.")
public class PoolScrubCommand implements Action {
    @Reference(optional = true)
    StorageAdminService admin;

    @Argument(index = 0, name = "name", description = "Pool name", required = true)
    @Completion(PoolNameCompleter.class)
    String name;

    PrintStream out = System.out;

    @Override
    public Object execute() {
        Format.printTask(out, Format.require(admin, "storage admin service").scrub(name));
        return null;
    }
}
