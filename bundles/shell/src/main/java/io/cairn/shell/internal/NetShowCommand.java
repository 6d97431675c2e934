package io.cairn.shell.internal;

import io.cairn.api.network.NetworkDetails;
import io.cairn.api.network.NetworkService;
import io.cairn.api.network.NetworkSpec;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.io.PrintStream;

@Service
@Command(scope = "net", name = "show", description = "Shows one network: spec and what the backend shows")
public class NetShowCommand implements Action {
    @Reference(optional = true)
    NetworkService networks;

    @Argument(index = 0, name = "name", description = "Network name", required = true)
    @Completion(NetworkNameCompleter.class)
    String name;

    PrintStream out = System.out;

    @Override
    public Object execute() {
        NetworkDetails n = Format.require(networks, "network service").get(name);
        NetworkSpec s = n.network().spec();
        out.printf("Name         %s%n", s.name());
        out.printf("Id           %s%n", n.network().id());
        out.printf("Kind         %s%n", s.kind());
        out.printf("Tags/VNI     %s%n", identity(s));
        out.printf("MTU          %d%n", s.mtu());
        out.printf("Subnet       %s%n", Format.orDash(s.subnet()));
        out.printf("Realized     %s%n", n.status().realized() ? "yes" : "no");
        out.printf("Ports        %d%n", n.status().ports());
        out.printf("Backend      %s%n", Format.orDash(n.status().detail()));
        out.printf("Created      %s%n", n.network().created());
        return null;
    }

    static String identity(NetworkSpec s) {
        return switch (s.networkKind()) {
            case GENEVE -> s.vni() == null ? "vni auto" : "vni " + s.vni();
            case VLAN -> "vlan " + s.vlan();
            case QINQ -> "s" + s.outerVlan() + "/c" + s.vlan();
            case ISOLATED -> "-";
        };
    }
}
