package io.cairn.sdn.geneve.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = OvnNetworkDriver.PID, name = "Cairn OVN/Open vSwitch network driver",
        description = "GENEVE and isolated networks as OVN logical switches; VLAN and QinQ as access ports on the trunk bridge")
public @interface SdnConfig {
    @AttributeDefinition(name = "OVN northbound database",
            description = "ovn-nbctl --db value: the NB cluster's members, e.g. tcp:10.0.0.11:6641,tcp:10.0.0.12:6641")
    String nb_remote() default "unix:/run/ovn/ovnnb_db.sock";

    @AttributeDefinition(name = "Underlay MTU", description = "MTU of the trunk between the nodes (GENEVE tunnels and VLANs)")
    int underlay_mtu() default 1500;

    @AttributeDefinition(name = "Trunk bridge", description = "OVS bridge on the physical trunk (VLAN access ports, QinQ)")
    String trunk_bridge() default "br-phy";

    @AttributeDefinition(name = "Integration bridge", description = "OVN's integration bridge (GENEVE ports)")
    String integration_bridge() default "br-int";

    @AttributeDefinition(name = "Uplink network", description = "ovn-bridge-mappings name of the physical network EDGE uplinks use")
    String uplink_network() default "trunk";

    @AttributeDefinition(name = "Command timeout (s)", description = "Timeout of one ovn-nbctl / ovs-vsctl call")
    int command_timeout_seconds() default 20;
}
