package io.cairn.shell.internal;

import io.cairn.api.network.Edge;
import io.cairn.api.network.EdgeService;
import io.cairn.api.network.PortForward;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.io.PrintStream;

@Service
@Command(scope = "edge", name = "show", description = "Shows a network's EDGE router: uplink, NAT, forwards, owner and epoch")
public class EdgeShowCommand implements Action {
    @Reference(optional = true)
    EdgeService edges;

    @Argument(index = 0, name = "network", description = "Network name", required = true)
    @Completion(NetworkNameCompleter.class)
    String network;

    PrintStream out = System.out;

    @Override
    public Object execute() {
        print(out, Format.require(edges, "EDGE service").edge(network));
        return null;
    }

    static void print(PrintStream out, Edge edge) {
        out.printf("Network      %s%n", edge.spec().network());
        out.printf("Uplink       %s via %s%n", edge.spec().uplinkAddress(), edge.spec().uplinkGateway());
        out.printf("NAT          %s%n", edge.spec().nat() ? "yes" : "no");
        out.printf("Owner        %s (epoch %d)%n", edge.owner(), edge.epoch());
        for (PortForward f : edge.spec().forwards()) {
            out.printf("Forward      %s/%d -> %s:%d%n", f.protocol(), f.port(), f.target(), f.targetPort());
        }
    }
}
