package io.cairn.shell.internal;

import io.cairn.api.network.EdgeAdminService;
import io.cairn.api.network.EdgeSpec;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.io.PrintStream;
import java.util.List;

@Service
@Command(scope = "edge", name = "create", description = "Gives a routed (geneve, with subnet) network its EDGE router",
        detailedDescription = "Example: edge:create --uplink 192.0.2.10/24 --gateway 192.0.2.1 blue")
public class EdgeCreateCommand implements Action {
    @Reference(optional = true)
    EdgeAdminService admin;

    @Argument(index = 0, name = "network", description = "Network name", required = true)
    @Completion(NetworkNameCompleter.class)
    String network;

    @Option(name = "--uplink", description = "The EDGE's uplink address, IPv4 CIDR", required = true)
    String uplink;

    @Option(name = "--gateway", description = "Next hop on the uplink", required = true)
    String gateway;

    @Option(name = "--no-nat", description = "Do not SNAT the network to the uplink address")
    boolean noNat;

    PrintStream out = System.out;

    @Override
    public Object execute() {
        EdgeShowCommand.print(out, Format.require(admin, "EDGE admin service")
                .create(new EdgeSpec(network, uplink, gateway, !noNat, List.of())));
        return null;
    }
}
