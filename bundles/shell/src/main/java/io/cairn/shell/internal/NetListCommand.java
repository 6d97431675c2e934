package io.cairn.shell.internal;

import io.cairn.api.network.NetworkDetails;
import io.cairn.api.network.NetworkService;
import io.cairn.api.network.NetworkSpec;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.io.PrintStream;

@Service
@Command(scope = "net", name = "list", description = "Lists the cluster's networks")
public class NetListCommand implements Action {
    @Reference(optional = true)
    NetworkService networks;

    PrintStream out = System.out;

    @Override
    public Object execute() {
        out.printf("%-20s %-9s %-14s %-6s %-18s %s%n", "NAME", "KIND", "ID", "MTU", "SUBNET", "STATUS");
        for (NetworkDetails n : Format.require(networks, "network service").list()) {
            NetworkSpec s = n.network().spec();
            out.printf("%-20s %-9s %-14s %-6d %-18s %s%n", s.name(), s.kind(), NetShowCommand.identity(s), s.mtu(),
                    Format.orDash(s.subnet()), n.status().realized() ? "ready" : "not realized: " + n.status().detail());
        }
        return null;
    }
}
