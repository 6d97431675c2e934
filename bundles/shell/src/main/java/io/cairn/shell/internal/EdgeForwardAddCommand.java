package io.cairn.shell.internal;

import io.cairn.api.network.EdgeAdminService;
import io.cairn.api.network.PortForward;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.io.PrintStream;

@Service
@Command(scope = "edge", name = "forward-add", description = "Forwards a TCP/UDP port of the EDGE's uplink address into the network",
        detailedDescription = "Example: edge:forward-add --protocol tcp blue 8080 10.50.0.11 80")
public class EdgeForwardAddCommand implements Action {
    @Reference(optional = true)
    EdgeAdminService admin;

    @Argument(index = 0, name = "network", description = "Network name", required = true)
    @Completion(NetworkNameCompleter.class)
    String network;

    @Argument(index = 1, name = "port", description = "Uplink port", required = true)
    int port;

    @Argument(index = 2, name = "target", description = "Address in the network", required = true)
    String target;

    @Argument(index = 3, name = "target-port", description = "Port on the target", required = true)
    int targetPort;

    @Option(name = "--protocol", description = "tcp (default) or udp")
    String protocol = "tcp";

    PrintStream out = System.out;

    @Override
    public Object execute() {
        EdgeShowCommand.print(out, Format.require(admin, "EDGE admin service")
                .addForward(network, new PortForward(protocol, port, target, targetPort)));
        return null;
    }
}
