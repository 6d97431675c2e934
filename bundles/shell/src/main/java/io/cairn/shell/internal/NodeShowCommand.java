package io.cairn.shell.internal;

import io.cairn.api.node.NodeInfo;
import io.cairn.api.node.NodeService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.util.Locale;

@Service
@Command(scope = "node", name = "show", description = "Shows one node")
public class NodeShowCommand implements Action {
    @Reference
    private NodeService nodes;

    @Argument(index = 0, name = "name", description = "Node name", required = true)
    @Completion(NodeNameCompleter.class)
    private String name;

    @Override
    public Object execute() {
        NodeInfo node = nodes.node(name).orElseThrow(
                () -> new IllegalArgumentException("no node named '" + name + "'"));
        System.out.printf("Name           %s%n", node.name());
        System.out.printf("Id             %s%n", node.id());
        System.out.printf("State          %s%n", node.state().name().toLowerCase(Locale.ROOT));
        System.out.printf("Addresses      %s%n", String.join(", ", node.addresses()));
        System.out.printf("CPUs           %d%n", node.cpus());
        System.out.printf("Memory MiB     %d%n", node.memoryMiB());
        System.out.printf("Free MiB       %d%n", node.freeMemoryMiB());
        System.out.printf("Last heartbeat %s%n", node.lastHeartbeat());
        return null;
    }
}
