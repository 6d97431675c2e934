package io.cairn.api.network;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkSpecTest {
    private static String refused(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void aGeneveNetworkKeepsItsVniMtuAndNormalisedSubnet() {
        NetworkSpec s = new NetworkSpec("blue", "GENEVE", 5001, null, null, 8950, " 10.50.0.0/24 ");
        assertEquals("geneve", s.kind());
        assertEquals(NetworkKind.GENEVE, s.networkKind());
        assertEquals(5001, s.vni());
        assertEquals("10.50.0.0/24", s.subnet());
        assertEquals("10.50.0.1", s.ipv4Subnet().gatewayAddress());
        assertEquals(1500, new NetworkSpec("b", "geneve", null, null, null, null, null).mtu());
    }

    @Test
    void vlanTagsOutsideOneTo4094AreRefusedWithTheRange() {
        for (int tag : new int[]{0, 4095, 5000}) {
            String m = refused(() -> new NetworkSpec("v", "vlan", null, tag, null, null, null));
            assertTrue(m.contains("between 1 and 4094") && m.contains("was " + tag), m);
        }
        assertTrue(refused(() -> new NetworkSpec("v", "vlan", null, null, null, null, null)).contains("required"));
        assertEquals(4094, new NetworkSpec("v", "vlan", null, 4094, null, null, null).vlan());
    }

    @Test
    void vnisOutside24BitsAreRefused() {
        assertTrue(refused(() -> new NetworkSpec("g", "geneve", 0, null, null, null, null)).contains("16777215"));
        assertTrue(refused(() -> new NetworkSpec("g", "geneve", 1 << 24, null, null, null, null)).contains("was 16777216"));
        assertEquals(16777215, new NetworkSpec("g", "geneve", 16777215, null, null, null, null).vni());
    }

    @Test
    void anUnknownKindNamesTheKindsThatExist() {
        String m = refused(() -> new NetworkSpec("x", "vxlan", null, null, null, null, null));
        assertTrue(m.contains("geneve, vlan, qinq, isolated") && m.contains("'vxlan'"), m);
    }

    @Test
    void qinqNeedsBothTagsAndOtherKindsRefuseThem() {
        NetworkSpec q = new NetworkSpec("q", "qinq", null, 10, 300, null, null);
        assertEquals(300, q.outerVlan());
        assertTrue(refused(() -> new NetworkSpec("q", "qinq", null, 10, null, null, null)).contains("outerVlan"));
        assertTrue(refused(() -> new NetworkSpec("g", "geneve", null, 10, null, null, null)).contains("only for kinds vlan and qinq"));
        assertTrue(refused(() -> new NetworkSpec("v", "vlan", 7, 10, null, null, null)).contains("only for kind geneve"));
    }

    @Test
    void mtuAndSubnetAreChecked() {
        assertTrue(refused(() -> new NetworkSpec("g", "geneve", null, null, null, 9217, null)).contains("9216"));
        assertTrue(refused(() -> new NetworkSpec("g", "geneve", null, null, null, null, "10.50.0.1/24")).contains("10.50.0.0/24"));
        assertTrue(refused(() -> new NetworkSpec("g", "geneve", null, null, null, null, "10.50.0.0/30")).contains("/29"));
        assertTrue(refused(() -> new NetworkSpec("g", "geneve", null, null, null, null, "10.500.0.0/24")).contains("IPv4"));
        assertNull(new NetworkSpec("g", "geneve", null, null, null, null, "").subnet());
    }

    @Test
    void subnetHostsExcludeNetworkAndBroadcast() {
        Ipv4Subnet s = Ipv4Subnet.parse("10.50.0.0/24");
        assertTrue(s.containsHost(Ipv4Subnet.address("10.50.0.7", "a")));
        assertTrue(!s.containsHost(Ipv4Subnet.address("10.50.0.255", "a")));
        assertTrue(!s.containsHost(Ipv4Subnet.address("10.51.0.7", "a")));
    }

    @Test
    void aNicsPortIdIsStableAndDependsOnNetworkAndMac() {
        NicBinding a = new NicBinding("vm1", "02:00:00:00:00:01", null);
        assertEquals(a.portId("blue"), new NicBinding("vm2", "02:00:00:00:00:01", "10.0.0.5").portId("blue"));
        assertTrue(!a.portId("blue").equals(a.portId("red")));
    }
}
