package io.cairn.shell.internal;

import io.cairn.api.storage.PoolDetails;
import io.cairn.api.storage.PoolSpec;
import io.cairn.api.storage.StorageAdminService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.io.PrintStream;

@Service
@Command(scope = "pool", name = "create", description = "Creates a raidzN pool of one free disk from every node",
        detailedDescription = "Options come before the name. Example: pool:create --redundancy 1 tank. "
                + "The pool's owner builds it afterwards: watch pool:list.")
public class PoolCreateCommand implements Action {
    @Reference(optional = true)
    StorageAdminService admin;

    @Argument(index = 0, name = "name", description = "Pool name (letters, digits, '_', '-', '.')", required = true)
    String name;

    @Option(name = "--redundancy", aliases = "-r", description = "Members that may fail: 1, 2 or 3 (raidz1-3); "
            + "below the number of nodes", required = true)
    int redundancy;

    @Option(name = "--compression", description = "on (default), off, lzjb, gzip, gzip-N, zle, lz4 (OpenZFS)")
    String compression;

    @Option(name = "--dedup", description = "Deduplicate blocks")
    boolean dedup;

    @Option(name = "--owner", description = "The node that imports it (default: the node owning fewest pools)")
    @Completion(NodeNameCompleter.class)
    String owner;

    PrintStream out = System.out;

    @Override
    public Object execute() {
        PoolDetails created = Format.require(admin, "storage admin service")
                .createPool(new PoolSpec(name, redundancy, compression, dedup, owner));
        out.printf("Created pool %s (raidz%d of %d members), owned by %s at epoch %d%n", created.pool().name(),
                created.pool().spec().redundancy(), created.pool().members().size(), created.owner().node(),
                created.owner().epoch());
        return null;
    }
}
