package io.cairn.sdn.geneve.internal;

import io.cairn.api.host.HostCommands;
import io.cairn.api.network.EdgeSpec;
import io.cairn.api.network.NetworkDriver;
import io.cairn.api.network.PortForward;
import io.cairn.api.network.NetworkKind;
import io.cairn.api.network.NetworkSpec;
import io.cairn.api.network.NetworkStatus;
import io.cairn.api.network.NicBinding;
import io.cairn.api.network.NicPort;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Networks over OVN and Open vSwitch: GENEVE and isolated networks are OVN logical switches (one
 * northbound database for the cluster, GENEVE tunnels between the nodes' ovn-controllers, native
 * DHCP); VLAN and QinQ networks are access ports on the node's trunk bridge (QinQ through a bridge
 * per S-tag, {@link QinqBridges}).
 */
@Component(service = NetworkDriver.class, property = NetworkDriver.TYPE_PROPERTY + "=" + OvnNetworkDriver.TYPE,
        configurationPid = OvnNetworkDriver.PID)
@Designate(ocd = SdnConfig.class)
public final class OvnNetworkDriver implements NetworkDriver {
    public static final String TYPE = "ovn";
    public static final String PID = "io.cairn.sdn";

    private static final Logger LOG = LoggerFactory.getLogger(OvnNetworkDriver.class);

    @Reference
    private HostCommands host;

    private volatile SdnConfig config;
    private volatile Ovs ovs;

    public OvnNetworkDriver() {
    }

    /** Outside OSGi (tests). */
    OvnNetworkDriver(HostCommands host, SdnConfig config) {
        this.host = host;
        activate(config);
    }

    @Activate
    @Modified
    void activate(SdnConfig config) {
        this.config = config;
        this.ovs = new Ovs(host, config.nb_remote(), Duration.ofSeconds(config.command_timeout_seconds()));
        LOG.info("OVN network driver: NB {}, underlay MTU {}, trunk {}, integration bridge {}", config.nb_remote(),
                config.underlay_mtu(), config.trunk_bridge(), config.integration_bridge());
    }

    @Override
    public Set<NetworkKind> kinds() {
        return EnumSet.allOf(NetworkKind.class);
    }

    @Override
    public int maxMtu(NetworkKind kind) {
        return MtuBudget.maxMtu(kind, config.underlay_mtu());
    }

    @Override
    public void apply(NetworkSpec spec) {
        if (!spec.networkKind().overlay()) {
            return; // VLAN and QinQ live on the trunk: nothing to make until a NIC joins
        }
        ovs.nb(LogicalSwitches.apply(spec));
        if (spec.subnet() != null && dhcpOptions(spec.name()) == null) {
            String uuid = ovs.nb(LogicalSwitches.createDhcp(spec));
            LOG.info("Network {}: logical switch {} with DHCP options {}", spec.name(),
                    LogicalSwitches.switchName(spec.name()), uuid);
        }
    }

    @Override
    public void remove(String network) {
        ovs.nb(LogicalSwitches.removeSwitch(network));
        for (String uuid : uuids(ovs.nb(LogicalSwitches.findDhcp(network)))) {
            ovs.nb(List.of("dhcp-options-del", uuid)); // found just now; the command has no --if-exists
        }
    }

    @Override
    public NetworkStatus observe(NetworkSpec spec) {
        return switch (spec.networkKind()) {
            case GENEVE, ISOLATED -> {
                String ports = ovs.nb(LogicalSwitches.ports(spec.name()));
                boolean exists = !ovs.nb(List.of("--bare", "--columns=_uuid", "find", "logical_switch",
                        "name=" + LogicalSwitches.switchName(spec.name()))).isEmpty();
                yield new NetworkStatus(exists, spec.vni(), uuids(ports).size(),
                        exists ? "OVN logical switch " + LogicalSwitches.switchName(spec.name())
                                : "OVN has no logical switch " + LogicalSwitches.switchName(spec.name()));
            }
            case VLAN -> new NetworkStatus(true, null, 0, "802.1Q tag " + spec.vlan() + " on " + config.trunk_bridge());
            case QINQ -> new NetworkStatus(true, null, 0, "802.1ad S-tag " + spec.outerVlan() + ", C-tag " + spec.vlan()
                    + " on " + config.trunk_bridge());
        };
    }

    @Override
    public NicPort attach(NetworkSpec spec, NicBinding nic) {
        return switch (spec.networkKind()) {
            case GENEVE, ISOLATED -> {
                apply(spec); // a node can start a VM before anyone realized a network it missed
                String dhcp = spec.subnet() == null ? null : dhcpOptions(spec.name());
                ovs.nb(LogicalSwitches.addPort(spec, nic, dhcp));
                yield new NicPort(config.integration_bridge(), nic.portId(spec.name()), null, spec.mtu());
            }
            case VLAN -> new NicPort(config.trunk_bridge(), null, spec.vlan(), spec.mtu());
            case QINQ -> {
                ovs.vsctl(QinqBridges.ensure(config.trunk_bridge(), spec.outerVlan()));
                yield new NicPort(QinqBridges.bridge(spec.outerVlan()), null, spec.vlan(), spec.mtu());
            }
        };
    }

    @Override
    public void detach(NetworkSpec spec, NicBinding nic) {
        if (spec.networkKind().overlay()) {
            ovs.nb(LogicalSwitches.removePort(spec.name(), nic));
        }
    }

    @Override
    public void applyEdge(NetworkSpec network, EdgeSpec edge, String gatewayNode, long epoch) {
        String recorded = ovs.nb(EdgeRouters.epoch(edge.network())).replace("\"", "").trim();
        if (!recorded.isEmpty() && Long.parseLong(recorded) > epoch) {
            throw new IllegalStateException("EDGE " + edge.network() + " is at epoch " + recorded + " in OVN; "
                    + gatewayNode + " holds the stale epoch " + epoch + " and must not move it");
        }
        ovs.nb(EdgeRouters.uplinkSwitch(config.uplink_network()));
        ovs.nb(EdgeRouters.router(network, edge, epoch));
        for (String line : ovs.nb(EdgeRouters.gatewayChassis(edge.network())).split("\n")) {
            String chassis = line.trim().split("\\s+")[0];
            if (!chassis.isEmpty() && !chassis.equals(EdgeRouters.outside(edge.network()) + "-" + gatewayNode)) {
                ovs.nb(List.of("lrp-del-gateway-chassis", EdgeRouters.outside(edge.network()),
                        chassis.substring(EdgeRouters.outside(edge.network()).length() + 1)));
            }
        }
        ovs.nb(EdgeRouters.setGateway(edge.network(), gatewayNode));
        Set<String> wanted = new java.util.HashSet<>();
        for (PortForward f : edge.forwards()) {
            wanted.add(EdgeRouters.forwardName(edge.network(), f));
            ovs.nb(EdgeRouters.addForward(edge, f));
        }
        for (String lb : uuids(ovs.nb(EdgeRouters.forwards(edge.network())))) {
            if (!wanted.contains(lb)) {
                ovs.nb(List.of("--if-exists", "lb-del", lb));
            }
        }
        LOG.info("EDGE {}: gateway on {} (epoch {}), nat {}, {} forward(s)", edge.network(), gatewayNode, epoch,
                edge.nat(), edge.forwards().size());
    }

    @Override
    public void removeEdge(String network) {
        ovs.nb(EdgeRouters.removeRouter(network));
        for (String lb : uuids(ovs.nb(EdgeRouters.forwards(network)))) {
            ovs.nb(List.of("--if-exists", "lb-del", lb));
        }
    }

    private String dhcpOptions(String network) {
        List<String> found = uuids(ovs.nb(LogicalSwitches.findDhcp(network)));
        return found.isEmpty() ? null : found.get(0);
    }

    static List<String> uuids(String bare) {
        return Arrays.stream(bare.split("\\s+")).filter(s -> !s.isBlank()).sorted().toList();
    }
}
