package io.cairn.shell.internal;

import io.cairn.api.network.EdgeAdminService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.io.PrintStream;

@Service
@Command(scope = "edge", name = "forward-remove", description = "Removes a port forward of an EDGE router")
public class EdgeForwardRemoveCommand implements Action {
    @Reference(optional = true)
    EdgeAdminService admin;

    @Argument(index = 0, name = "network", description = "Network name", required = true)
    @Completion(NetworkNameCompleter.class)
    String network;

    @Argument(index = 1, name = "port", description = "Uplink port", required = true)
    int port;

    @Option(name = "--protocol", description = "tcp (default) or udp")
    String protocol = "tcp";

    PrintStream out = System.out;

    @Override
    public Object execute() {
        EdgeShowCommand.print(out, Format.require(admin, "EDGE admin service").removeForward(network, protocol, port));
        return null;
    }
}
