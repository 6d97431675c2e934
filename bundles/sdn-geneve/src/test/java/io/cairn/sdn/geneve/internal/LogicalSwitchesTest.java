package io.cairn.sdn.geneve.internal;

import io.cairn.api.network.NetworkKind;
import io.cairn.api.network.NetworkSpec;
import io.cairn.api.network.NicBinding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogicalSwitchesTest {
    private static final NetworkSpec BLUE = new NetworkSpec("blue", "geneve", 5001, null, null, 8950, "10.50.0.0/24");

    @Test
    void aSwitchGetsItsSubnetGatewayExclusionMtuAndVni() {
        assertEquals(List.of("--may-exist", "ls-add", "cairn-blue", "--", "set", "logical_switch", "cairn-blue",
                "external_ids:cairn-network=blue", "other_config:mtu=8950", "other_config:subnet=10.50.0.0/24",
                "other_config:exclude_ips=10.50.0.1", "other_config:requested-tnl-key=5001"), LogicalSwitches.apply(BLUE));
    }

    @Test
    void dhcpAnswersFromTheGatewayWithTheNetworksMtu() {
        List<String> args = LogicalSwitches.createDhcp(BLUE);
        assertTrue(args.containsAll(List.of("cidr=10.50.0.0/24", "options:router=10.50.0.1", "options:server_id=10.50.0.1",
                "options:mtu=8950", "external_ids:cairn-network=blue")), args.toString());
        assertEquals(LogicalSwitches.serverMac("blue"), LogicalSwitches.serverMac("blue"));
        assertTrue(LogicalSwitches.serverMac("blue").matches("02:ca(:[0-9a-f]{2}){4}"));
    }

    @Test
    void aPortIsNamedByTheNicsStablePortIdWithAFixedOrDynamicAddress() {
        NicBinding fixed = new NicBinding("web", "02:00:00:00:00:07", "10.50.0.7");
        List<String> args = LogicalSwitches.addPort(BLUE, fixed, "uuid-1");
        String port = fixed.portId("blue");
        assertEquals(List.of("--may-exist", "lsp-add", "cairn-blue", port, "--", "lsp-set-addresses", port,
                "02:00:00:00:00:07 10.50.0.7", "--", "set", "logical_switch_port", port, "external_ids:cairn-vm=web",
                "external_ids:cairn-network=blue", "--", "lsp-set-dhcpv4-options", port, "uuid-1"), args);
        NicBinding dynamic = new NicBinding("web", "02:00:00:00:00:08", null);
        assertTrue(LogicalSwitches.addPort(BLUE, dynamic, null).contains("02:00:00:00:00:08 dynamic"));
    }

    @Test
    void qinqBridgesTunnelTheirSTagOnTheTrunk() {
        List<String> args = QinqBridges.ensure("br-phy", 300);
        assertTrue(args.containsAll(List.of("cq300", "vlan_mode=dot1q-tunnel", "tag=300", "other_config:qinq-ethtype=802.1ad",
                "options:peer=cq300-dn", "options:peer=cq300-up")), args.toString());
    }

    @Test
    void theMtuBudgetCountsGeneveAndTheSecondTag() {
        assertEquals(9158, MtuBudget.maxMtu(NetworkKind.GENEVE, 9216));
        assertEquals(9158, MtuBudget.maxMtu(NetworkKind.ISOLATED, 9216));
        assertEquals(9212, MtuBudget.maxMtu(NetworkKind.QINQ, 9216));
        assertEquals(9216, MtuBudget.maxMtu(NetworkKind.VLAN, 9216));
        assertEquals(1442, MtuBudget.maxMtu(NetworkKind.GENEVE, 1500));
    }
}
