package io.cairn.shell.internal;

import io.cairn.api.network.NetworkAdminService;
import io.cairn.api.network.NetworkDetails;
import io.cairn.api.network.NetworkSpec;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.io.PrintStream;

@Service
@Command(scope = "net", name = "create", description = "Creates a network across the cluster",
        detailedDescription = "Options come before the name. Examples: net:create --kind geneve --vni 5001 --mtu 8950 "
                + "--subnet 10.50.0.0/24 blue; net:create --kind vlan --vlan 100 office; "
                + "net:create --kind qinq --outer-vlan 300 --vlan 10 tenant-a")
public class NetCreateCommand implements Action {
    @Reference(optional = true)
    NetworkAdminService admin;

    @Argument(index = 0, name = "name", description = "Network name (DNS label, unique in the cluster)", required = true)
    String name;

    @Option(name = "--kind", aliases = "-k", description = "geneve, vlan, qinq or isolated", required = true)
    String kind;

    @Option(name = "--vni", description = "GENEVE VNI, 1-16777215 (default: chosen by the backend)")
    Integer vni;

    @Option(name = "--vlan", description = "VLAN: the 802.1Q tag; QinQ: the inner C-tag (1-4094)")
    Integer vlan;

    @Option(name = "--outer-vlan", description = "QinQ: the outer 802.1ad S-tag (1-4094)")
    Integer outerVlan;

    @Option(name = "--mtu", description = "MTU of the network's NICs (default 1500)")
    Integer mtu;

    @Option(name = "--subnet", description = "IPv4 CIDR; on overlays it enables DHCP")
    String subnet;

    PrintStream out = System.out;

    @Override
    public Object execute() {
        NetworkDetails created = Format.require(admin, "network admin service")
                .create(new NetworkSpec(name, kind, vni, vlan, outerVlan, mtu, subnet));
        out.printf("Created %s network %s (%s)%n", created.network().spec().kind(), created.network().name(),
                created.network().id());
        return null;
    }
}
