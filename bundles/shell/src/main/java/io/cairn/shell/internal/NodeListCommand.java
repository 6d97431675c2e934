package io.cairn.shell.internal;

import io.cairn.api.node.NodeInfo;
import io.cairn.api.node.NodeService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import java.util.Locale;

@Service
@Command(scope = "node", name = "list", description = "Lists the cluster's nodes with their state and capacity")
public class NodeListCommand implements Action {
    @Reference
    private NodeService nodes;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("State");
        table.column("Addresses");
        table.column("CPUs").alignRight();
        table.column("Memory MiB").alignRight();
        table.column("Free MiB").alignRight();
        for (NodeInfo node : nodes.nodes()) {
            table.addRow().addContent(node.name(), node.state().name().toLowerCase(Locale.ROOT),
                    String.join(",", node.addresses()), node.cpus(), node.memoryMiB(), node.freeMemoryMiB());
        }
        table.print(System.out);
        return null;
    }
}
