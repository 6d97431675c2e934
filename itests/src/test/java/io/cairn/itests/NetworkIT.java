package io.cairn.itests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Networks on three real nodes with real Open vSwitch and OVN: GENEVE networks with OVN's DHCP
 * between guests on different nodes (and isolated from another GENEVE network), jumbo MTU with DF
 * pings, VLAN and QinQ isolation on the shared trunk, bad input refused with no change on any
 * node's OVS or in OVN. Endpoints besides the guests are network namespaces attached to a node's
 * OVS exactly as a VM's NIC is ({@code scripts/cluster endpoint-add}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetworkIT {
    private static final Duration BOOT = Duration.ofSeconds(150);
    private static LocalCluster cluster;
    private static Api api;
    private static final List<String> VMS = new ArrayList<>();
    private static final List<String[]> ENDPOINTS = new ArrayList<>();

    @BeforeAll
    static void boot() {
        cluster = LocalCluster.get();
        cluster.heal();
        api = new Api(cluster, cluster.nodes().get(0));
    }

    @AfterAll
    static void cleanUp() {
        for (String vm : VMS) {
            Rest.Response r = api.delete("/vms/" + vm);
            if (r.status() == 202) {
                api.awaitTask(r.json().get("id").asText(), Duration.ofSeconds(60));
            }
        }
        for (String[] ep : ENDPOINTS) {
            cluster.script(Duration.ofSeconds(30), "endpoint-del", ep[0], ep[1]);
        }
        api.delete("/edges/it-blue");
        for (String net : List.of("it-blue", "it-red", "it-office", "it-lab", "it-qa", "it-qb", "it-qc")) {
            api.delete("/networks/" + net);
        }
    }

    @Test
    @Order(1)
    void badInputIsRefusedWithAMessageAndChangesNoNodesOvsNorOvn() {
        Map<String, String> before = backendViews();
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(net("it-bad", "vlan", "\"vlan\":0"), "between 1 and 4094");
        cases.put(net("it-bad", "vlan", "\"vlan\":4095"), "between 1 and 4094");
        cases.put(net("it-bad", "vlan", "\"vlan\":5000"), "was 5000");
        cases.put(net("it-bad", "geneve", "\"vni\":0"), "16777215");
        cases.put(net("it-bad", "geneve", "\"vni\":16777216"), "was 16777216");
        cases.put(net("it-bad", "vxlan", null), "geneve, vlan, qinq, isolated");
        cases.put(net("it-bad", "geneve", "\"mtu\":9200"), "largest that fits is 9158");
        cases.put(net("it-bad", "qinq", "\"vlan\":10"), "outerVlan");
        cases.forEach((body, message) -> {
            Rest.Response r = api.post("/networks", body);
            assertTrue(r.status() >= 400 && r.status() < 500, body + " -> " + r.status() + " " + r.body());
            assertTrue(r.body().contains(message), body + " -> " + r.body());
        });
        assertEquals(before, backendViews(), "a refused request changed OVS or OVN");

        assertEquals(201, api.post("/networks", net("it-office", "vlan", "\"vlan\":100")).status());
        Rest.Response again = api.post("/networks", net("it-office", "vlan", "\"vlan\":200"));
        assertEquals(409, again.status(), again.body());
        assertTrue(again.body().contains("already exists"), again.body());
        Rest.Response tagTaken = api.post("/networks", net("it-other", "vlan", "\"vlan\":100"));
        assertEquals(409, tagTaken.status(), tagTaken.body());
        assertTrue(tagTaken.body().contains("it-office"), tagTaken.body());
        assertEquals(404, api.get("/networks/it-other").status());
    }

    @Test
    @Order(2)
    void guestsOnTwoNodesPingAcrossGeneveWithJumboFramesAndAnotherGeneveNetworkCannotReachThem() throws IOException {
        List<String> nodes = cluster.nodes();
        long t0 = System.nanoTime();
        Rest.Response blue = api.post("/networks", net("it-blue", "geneve",
                "\"vni\":5001,\"mtu\":8950,\"subnet\":\"10.50.0.0/24\""));
        double createMs = (System.nanoTime() - t0) / 1e6;
        assertEquals(201, blue.status(), blue.body());
        Duration sb = LocalCluster.await("it-blue in OVN's southbound database", Duration.ofSeconds(30),
                () -> cluster.exec(nodes.get(0), "ovn-sbctl", "--db=" + sbRemote(), "--bare", "--columns=external_ids",
                        "list", "datapath_binding").contains("cairn-it-blue"));
        System.out.printf("BENCH network create across %d nodes: REST %.0f ms, in the southbound DB after %.0f ms%n",
                nodes.size(), createMs, createMs + sb.toMillis());
        assertEquals(201, api.post("/networks", net("it-red", "geneve", "\"vni\":5002,\"subnet\":\"10.50.0.0/24\"")).status());
        assertTrue(ovnNb(nodes.get(1), "show").contains("cairn-it-blue"));
        assertEquals(true, api.get("/networks/it-blue").json().get("status").get("realized").asBoolean());

        guest("it-g1", nodes.get(0), "it-blue", "02:00:0a:32:00:0b", "10.50.0.11",
                "cairn.ping=10.50.0.12 cairn.pingsize=8900 cairn.listen=80");
        guest("it-g2", nodes.get(1), "it-blue", "02:00:0a:32:00:0c", "10.50.0.12",
                "cairn.ping=10.50.0.11," + cluster.clusterEnv("OUTSIDE_ADDR") + " cairn.listen=80");
        guest("it-g3", nodes.get(2), "it-red", "02:00:0a:32:00:0d", "10.50.0.13", "cairn.ping=10.50.0.11,10.50.0.12,10.50.0.21");
        // a namespace endpoint on red next to the red guest: red itself works
        endpoint(nodes.get(2), "it-red-ns", "it-red", "02:00:0a:32:00:15", "10.50.0.21", 1500);

        awaitConsole(nodes.get(0), "it-g1", "eth0=10.50.0.11/24 mtu=8950");
        awaitConsole(nodes.get(1), "it-g2", "eth0=10.50.0.12/24 mtu=8950");
        awaitConsole(nodes.get(2), "it-g3", "eth0=10.50.0.13/24 mtu=1500");
        awaitConsole(nodes.get(0), "it-g1", "ping 10.50.0.12 ok");   // 8900-byte payload, DF set
        awaitConsole(nodes.get(1), "it-g2", "ping 10.50.0.11 ok");
        awaitConsole(nodes.get(2), "it-g3", "ping 10.50.0.21 ok");
        String red = console(nodes.get(2), "it-g3");
        assertTrue(red.contains("ping 10.50.0.11 fail") && !red.contains("ping 10.50.0.11 ok"), red);
        assertTrue(red.contains("ping 10.50.0.12 fail") && !red.contains("ping 10.50.0.12 ok"), red);

        // a namespace endpoint on blue (third node) gets a dynamic address from OVN's DHCP and pings both guests with DF
        String dyn = endpoint(nodes.get(2), "it-blue-ns", "it-blue", "02:00:0a:32:00:16", null, 8950);
        assertTrue(dyn.startsWith("10.50.0."), dyn);
        epPing("it-blue-ns", "10.50.0.11", 8900, true);
        epPing("it-blue-ns", "10.50.0.12", 8900, true);
        epPing("it-blue-ns", "10.50.0.12", 8930, false); // 8958 bytes on the wire do not fit an MTU of 8950

        Rest.Response inUse = api.delete("/networks/it-blue");
        assertEquals(409, inUse.status(), inUse.body());
        assertTrue(inUse.body().contains("it-g1") && inUse.body().contains("it-g2"), inUse.body());
    }

    @Test
    @Order(3)
    void vlansAndQinqAreIsolatedOnTheTrunkAndWorkAcrossNodes() throws IOException {
        List<String> nodes = cluster.nodes();
        assertEquals(201, api.post("/networks", net("it-lab", "vlan", "\"vlan\":200")).status());
        assertEquals(201, api.post("/networks", net("it-qa", "qinq", "\"outerVlan\":300,\"vlan\":10")).status());
        assertEquals(201, api.post("/networks", net("it-qb", "qinq", "\"outerVlan\":400,\"vlan\":10")).status());
        assertEquals(201, api.post("/networks", net("it-qc", "qinq", "\"outerVlan\":300,\"vlan\":11")).status());
        guest("it-g4", nodes.get(2), "it-office", "02:00:0a:3c:00:04", null,
                "cairn.ip=10.60.0.4/24 cairn.ping=10.60.0.1,10.60.0.2");
        guest("it-g5", nodes.get(2), "it-qa", "02:00:0a:46:00:05", null,
                "cairn.ip=10.70.0.5/24 cairn.ping=10.70.0.1,10.70.0.2,10.70.0.3");
        // VLAN 100 on n1, VLAN 200 on n2; QinQ 300/10 on n1, 400/10 and 300/11 on n2
        vlanEndpoint(nodes.get(0), "it-v100", "br-phy", 100, "02:00:0a:3c:00:01", "10.60.0.1/24");
        vlanEndpoint(nodes.get(1), "it-v200", "br-phy", 200, "02:00:0a:3c:00:02", "10.60.0.2/24");
        qinqBridge(nodes.get(0), 300);
        qinqBridge(nodes.get(1), 400);
        qinqBridge(nodes.get(1), 300);
        vlanEndpoint(nodes.get(0), "it-q300a", "cq300", 10, "02:00:0a:46:00:01", "10.70.0.1/24");
        vlanEndpoint(nodes.get(1), "it-q400", "cq400", 10, "02:00:0a:46:00:02", "10.70.0.2/24");
        vlanEndpoint(nodes.get(1), "it-q300c11", "cq300", 11, "02:00:0a:46:00:03", "10.70.0.3/24");
        awaitConsole(nodes.get(2), "it-g4", "ping 10.60.0.1 ok");
        awaitConsole(nodes.get(2), "it-g5", "ping 10.70.0.1 ok");
        awaitConsole(nodes.get(2), "it-g4", "ping 10.60.0.2 fail");
        awaitConsole(nodes.get(2), "it-g5", "ping 10.70.0.3 fail");
        String vlan = console(nodes.get(2), "it-g4");
        assertFalse(vlan.contains("ping 10.60.0.2 ok"), "VLAN 200 reached VLAN 100: " + vlan);
        String qinq = console(nodes.get(2), "it-g5");
        assertFalse(qinq.contains("ping 10.70.0.2 ok"), "C-tag 10 under S-tag 400 reached S-tag 300: " + qinq);
        assertFalse(qinq.contains("ping 10.70.0.3 ok"), "C-tag 11 reached C-tag 10 under S-tag 300: " + qinq);
        assertTrue(qinq.contains("ping 10.70.0.2 fail"), qinq);
        // the guest's frames leave its node double-tagged: S-tag 300 (802.1ad) over C-tag 10
        assertTrue(cluster.exec(nodes.get(2), "ovs-vsctl", "get", "port", "cq300-dn", "vlan_mode").contains("dot1q-tunnel"));
    }

    @Test
    @Order(4)
    void benchmarkTcpThroughputAcrossGeneveAgainstTheUnderlay() {
        List<String> nodes = cluster.nodes();
        // on it-red (MTU 1500, like the VLAN): DHCP sets a NIC's MTU to its network's
        endpoint(nodes.get(0), "it-bench-g1", "it-red", "02:00:0a:32:00:21", "10.50.0.31", 1500);
        endpoint(nodes.get(1), "it-bench-g2", "it-red", "02:00:0a:32:00:22", "10.50.0.32", 1500);
        vlanEndpoint(nodes.get(0), "it-bench-v1", "br-phy", 100, "02:00:0a:3c:00:31", "10.60.0.31/24");
        vlanEndpoint(nodes.get(1), "it-bench-v2", "br-phy", 100, "02:00:0a:3c:00:32", "10.60.0.32/24");
        double geneve = iperf("it-bench-g2", "it-bench-g1", "10.50.0.32");
        double underlay = iperf("it-bench-v2", "it-bench-v1", "10.60.0.32");
        System.out.printf("BENCH iperf3 TCP n1->n2 (namespaces attached as VM ports, MTU 1500): GENEVE %.0f Mbit/s, "
                + "underlay (VLAN on the trunk, no tunnel) %.0f Mbit/s, ratio %.2f%n", geneve, underlay, geneve / underlay);
        assertTrue(geneve > 0 && underlay > 0, "no TCP throughput: GENEVE " + geneve + ", underlay " + underlay);
    }

    @Test
    @Order(5)
    void anEdgeRouterGivesNatToTheOutsideAndForwardsAPortToAGuest() throws Exception {
        String outside = cluster.clusterEnv("OUTSIDE_ADDR");
        String uplink = cluster.clusterEnv("TRUNK_PREFIX") + ".200";
        String spec = "{\"network\":\"it-blue\",\"uplinkAddress\":\"" + uplink + "/24\",\"uplinkGateway\":\"" + outside
                + "\",\"nat\":true}";
        Rest.Response notRouted = api.post("/edges", spec.replace("it-blue", "it-office"));
        assertEquals(422, notRouted.status(), notRouted.body());
        long t0 = System.nanoTime();
        Rest.Response created = api.post("/edges", spec);
        assertEquals(201, created.status(), created.body());
        String owner = created.json().get("owner").asText();
        assertEquals(409, api.post("/edges", spec).status());
        Rest.Response badTarget = api.post("/edges/it-blue/forwards",
                "{\"protocol\":\"tcp\",\"port\":8080,\"target\":\"10.60.0.4\",\"targetPort\":80}");
        assertEquals(422, badTarget.status(), badTarget.body());
        assertTrue(badTarget.body().contains("not a host address"), badTarget.body());
        Rest.Response fwd = api.post("/edges/it-blue/forwards",
                "{\"protocol\":\"tcp\",\"port\":8080,\"target\":\"10.50.0.12\",\"targetPort\":80}");
        assertEquals(200, fwd.status(), fwd.body());
        // the guest on the second node reaches the outside namespace through the EDGE
        awaitConsole(cluster.nodes().get(1), "it-g2", "ping " + outside + " ok");
        System.out.printf("BENCH EDGE create (REST) to a guest reaching the outside through NAT: %.1f s (owner %s)%n",
                (System.nanoTime() - t0) / 1e9, owner);
        assertTrue(ovnNb(owner, "lrp-get-gateway-chassis", "cairn-edge-it-blue-out").contains(owner));
        // the outside sees the EDGE's uplink address (SNAT); a namespace on blue attached as a VM port connects
        String peer = outsideAccept(() -> Host.exec(List.of(cluster.repo().resolve("scripts/cluster").toString(),
                "endpoint-exec", "it-blue-ns", "busybox", "nc", "-w", "3", outside, "9000"), Duration.ofSeconds(15),
                Map.of("CAIRN_RUN", cluster.run().toString())));
        assertEquals(uplink, peer);
        // a port forward from the uplink reaches the TCP service in the guest
        awaitForward(uplink, Duration.ofSeconds(60));
    }

    @Test
    @Order(6)
    void soapOnAnotherNodeReadsTheEdgeAndAddsAndRemovesAForwardInOvn() {
        String node = cluster.nodes().get(2);
        Soap soap = new Soap(cluster, node, Soap.NETWORKS);
        String uplink = cluster.clusterEnv("TRUNK_PREFIX") + ".200";
        String blue = "<v:network>it-blue</v:network>";

        String edge = soap.ok("getEdge", blue);
        assertEquals(List.of(uplink + "/24"), Soap.texts(edge, "uplinkAddress"), edge);
        assertEquals(List.of("true"), Soap.texts(edge, "nat"), edge);
        assertEquals(List.of(api.get("/edges/it-blue").json().get("owner").asText()), Soap.texts(edge, "owner"), edge);
        assertEquals(List.of("tcp/8080 -> 10.50.0.12:80"), soapForwards(edge));
        List<String> before = forwardRows(node);
        assertEquals(1, before.size(), "OVN load balancers of it-blue: " + before);

        // bad forwards are refused with the service's message; the EDGE keeps its one forward
        assertEquals("invalid: forward target 10.60.0.4 is not a host address of network 'it-blue' (10.50.0.0/24)",
                soap.fault("addForward", blue + forward("tcp", 8081, "10.60.0.4", 80)));
        assertEquals("invalid: port must be between 1 and 65535, was 70000",
                soap.fault("addForward", blue + forward("tcp", 70000, "10.50.0.11", 80)));
        assertEquals("invalid: port must be between 1 and 65535, was 0",
                soap.fault("addForward", blue + forward("tcp", 0, "10.50.0.11", 80)));
        assertEquals("not_found: network 'it-nosuch' has no EDGE router",
                soap.fault("addForward", "<v:network>it-nosuch</v:network>" + forward("tcp", 8081, "10.50.0.11", 80)));
        assertEquals(List.of("tcp/8080 -> 10.50.0.12:80"), soapForwards(soap.ok("getEdge", blue)));

        // a forward added through SOAP on this node becomes a load balancer on the EDGE's router and answers
        List<String> added = soapForwards(soap.ok("addForward", blue + forward("tcp", 8081, "10.50.0.11", 80)));
        assertEquals(List.of("tcp/8080 -> 10.50.0.12:80", "tcp/8081 -> 10.50.0.11:80"), added);
        String lb = "cairn-fwd-it-blue-tcp-8081";
        LocalCluster.await(lb + " in OVN", Duration.ofSeconds(30), () -> forwardRows(node).size() == 2);
        String vips = ovnNb(node, "--bare", "--columns=vips", "find", "load_balancer", "name=" + lb);
        assertTrue(vips.contains(uplink + ":8081") && vips.contains("10.50.0.11:80"), vips);
        assertTrue(ovnNb(node, "--bare", "--columns=load_balancer", "list", "logical_router", "cairn-edge-it-blue")
                .contains(ovnNb(node, "--bare", "--columns=_uuid", "find", "load_balancer", "name=" + lb).trim()));
        // the refused forwards never reached OVN: its rows are the old one and the new one
        List<String> after = forwardRows(node);
        assertTrue(after.containsAll(before) && after.stream().filter(r -> !before.contains(r)).allMatch(r -> r.startsWith(lb)),
                "OVN load balancers of it-blue: " + after);
        awaitForward(uplink, 8081, "it-g1", Duration.ofSeconds(60));

        List<String> removed = soapForwards(soap.ok("removeForward", blue + "<v:protocol>tcp</v:protocol><v:port>8081</v:port>"));
        assertEquals(List.of("tcp/8080 -> 10.50.0.12:80"), removed);
        LocalCluster.await(lb + " gone from OVN", Duration.ofSeconds(30), () -> forwardRows(node).equals(before));
        assertEquals("not_found: EDGE it-blue forwards no tcp/8081",
                soap.fault("removeForward", blue + "<v:protocol>tcp</v:protocol><v:port>8081</v:port>"));
    }

    @Test
    @Order(7)
    void theEdgeMovesToASurvivorWhenItsNodeIsLost() throws IOException {
        String outside = cluster.clusterEnv("OUTSIDE_ADDR");
        String uplink = cluster.clusterEnv("TRUNK_PREFIX") + ".200";
        JsonNode before = api.get("/edges/it-blue").json();
        String owner = before.get("owner").asText();
        assertFalse(owner.equals(cluster.nodes().get(1)), "the EDGE's owner is the node of the guest that checks it");
        Api survivor = new Api(cluster, cluster.nodes().get(1));
        int seen = console(cluster.nodes().get(1), "it-g2").length();
        long t0 = System.nanoTime();
        cluster.script(Duration.ofMinutes(1), "kill-node", "--with-network", owner);
        try {
            LocalCluster.await("it-g2 losing the outside", Duration.ofSeconds(30), () -> consoleAfter("it-g2", seen)
                    .contains("ping " + outside + " fail"));
            LocalCluster.await("it-g2 reaching the outside again", Duration.ofSeconds(90), () -> consoleAfter("it-g2", seen)
                    .replaceFirst("(?s).*ping " + Pattern.quote(outside) + " fail", "").contains("ping " + outside + " ok"));
            double nat = (System.nanoTime() - t0) / 1e9;
            awaitForward(uplink, Duration.ofSeconds(60));
            double forward = (System.nanoTime() - t0) / 1e9;
            JsonNode after = survivor.get("/edges/it-blue").json();
            System.out.printf("BENCH EDGE failover (owner %s: Karaf + OVS/OVN SIGKILLed -> %s, epoch %d -> %d): guest reaches "
                    + "the outside again after %.1f s, port forward after %.1f s (lease %s)%n", owner,
                    after.get("owner").asText(), before.get("epoch").asLong(), after.get("epoch").asLong(), nat, forward,
                    "10 s + 3 s margin");
            assertFalse(after.get("owner").asText().equals(owner), after.toString());
            assertTrue(after.get("epoch").asLong() > before.get("epoch").asLong(), after.toString());

        } finally {
            cluster.startNode(owner);
        }
    }

    @Test
    @Order(8)
    void anHaGuestRestartedElsewhereKeepsItsMacAddressAndNetwork() throws IOException {
        // not pinned, so failover may move it; it pings both pinned guests, one of which outlives its node
        String haMac = "02:00:0a:32:00:0e";
        guest("it-ha", null, "it-blue", haMac, "10.50.0.14", "cairn.ping=10.50.0.11,10.50.0.12", true);
        String owner = api.get("/vms/it-ha").json().path("owner").path("node").asText();
        String peer = owner.equals(cluster.nodes().get(0)) ? "10.50.0.12" : "10.50.0.11";
        awaitConsole(owner, "it-ha", "ping " + peer + " ok");
        Api survivor = new Api(cluster, cluster.nodes().stream().filter(n -> !n.equals(owner)).findFirst().orElseThrow());
        long t0 = System.nanoTime();
        cluster.script(Duration.ofMinutes(1), "kill-node", "--with-network", owner);
        try {
            String[] moved = new String[1];
            LocalCluster.await("it-ha running on a survivor", Duration.ofSeconds(120), () -> {
                Rest.Response r = survivor.get("/vms/it-ha");
                moved[0] = r.status() == 200 ? r.json().path("owner").path("node").asText() : null;
                return moved[0] != null && !moved[0].equals(owner)
                        && Virsh.running(cluster, moved[0]).contains("cairn-it-ha");
            });
            String xml = Virsh.run(cluster, moved[0], "dumpxml", "cairn-it-ha");
            assertTrue(xml.contains(haMac) && xml.contains("<virtualport type='openvswitch'>"), xml);
            awaitConsole(moved[0], "it-ha", "eth0=10.50.0.14/24");
            awaitConsole(moved[0], "it-ha", "ping " + peer + " ok");
            System.out.printf("BENCH HA guest failover with its NIC (%s -> %s): same MAC %s, address 10.50.0.14 pings "
                    + "%s across GENEVE %.1f s after the kill%n", owner, moved[0], haMac, peer, (System.nanoTime() - t0) / 1e9);
        } finally {
            cluster.startNode(owner);
        }
    }

    private static String consoleAfter(String vm, int offset) {
        try {
            String all = console(cluster.nodes().get(1), vm);
            return all.length() > offset ? all.substring(offset) : "";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitForward(String uplink, Duration timeout) {
        awaitForward(uplink, 8080, "it-g2", timeout);
    }

    /** Until the outside namespace, connecting to the uplink's {@code port}, is answered by {@code guest}'s port 80. */
    private static void awaitForward(String uplink, int port, String guest, Duration timeout) {
        LocalCluster.await("the port forward " + port + " to " + guest + ":80", timeout, () -> {
            Host.Result r = Host.exec(List.of("ip", "netns", "exec", cluster.clusterEnv("OUTSIDE_NETNS"), "busybox", "nc",
                    "-w", "3", uplink, String.valueOf(port)), Duration.ofSeconds(10), Map.of());
            return r.stdout().contains("cairn-guest " + guest);
        });
    }

    /** A SOAP Forward element. */
    private static String forward(String protocol, int port, String target, int targetPort) {
        return "<v:forward><v:protocol>" + protocol + "</v:protocol><v:port>" + port + "</v:port><v:target>" + target
                + "</v:target><v:targetPort>" + targetPort + "</v:targetPort></v:forward>";
    }

    /** The forwards of a SOAP Edge answer as {@code protocol/port -> target:targetPort}. */
    private static List<String> soapForwards(String edge) {
        List<String> protocols = Soap.texts(edge, "protocol");
        List<String> ports = Soap.texts(edge, "port");
        List<String> targets = Soap.texts(edge, "target");
        List<String> targetPorts = Soap.texts(edge, "targetPort");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < protocols.size(); i++) {
            out.add(protocols.get(i) + "/" + ports.get(i) + " -> " + targets.get(i) + ":" + targetPorts.get(i));
        }
        return out;
    }

    /** it-blue's OVN load balancers (the EDGE's forwards) as seen from {@code node}: "name vips protocol", sorted. */
    private static List<String> forwardRows(String node) {
        String out = ovnNb(node, "--bare", "--columns=name,vips,protocol", "find", "load_balancer",
                "external_ids:cairn-edge=it-blue");
        return java.util.Arrays.stream(out.trim().split("\\n\\s*\\n")).map(r -> r.trim().replaceAll("\\s+", " "))
                .filter(r -> !r.isEmpty()).sorted().toList();
    }

    /** Runs a one-connection TCP server on the outside namespace's port 9000 and returns the peer address. */
    private static String outsideAccept(Runnable client) throws Exception {
        Process server = new ProcessBuilder("ip", "netns", "exec", cluster.clusterEnv("OUTSIDE_NETNS"), "timeout", "20",
                "python3", "-c", "import socket\ns=socket.socket()\ns.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1)\n"
                + "s.bind(('0.0.0.0',9000))\ns.listen(1)\nprint('listening',flush=True)\nc,a=s.accept()\nprint(a[0],flush=True)\n"
                + "c.send(b'outside')\nc.close()").redirectErrorStream(true).start();
        java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8));
        assertEquals("listening", out.readLine());
        client.run();
        String peer = out.readLine();
        server.waitFor(25, java.util.concurrent.TimeUnit.SECONDS);
        return peer;
    }

    // ------------------------------------------------------------------ helpers

    private static String net(String name, String kind, String extra) {
        return "{\"name\":\"" + name + "\",\"kind\":\"" + kind + "\"" + (extra == null ? "" : "," + extra) + "}";
    }

    private static void guest(String name, String node, String network, String mac, String address, String cmdline) {
        guest(name, node, network, mac, address, cmdline, false);
    }

    private static void guest(String name, String node, String network, String mac, String address, String cmdline,
                              boolean ha) {
        String nic = "{\"network\":\"" + network + "\",\"mac\":\"" + mac + "\""
                + (address == null ? "" : ",\"address\":\"" + address + "\"") + "}";
        String ip = address == null ? "" : " cairn.ip=dhcp";
        String body = "{\"name\":\"" + name + "\",\"vcpus\":1,\"memoryMiB\":96,\"ha\":" + ha
                + (node == null ? "" : ",\"node\":\"" + node + "\"")
                + ",\"nics\":[" + nic + "],\"boot\":{\"kernel\":\"vmlinuz\",\"initrd\":\"initrd.img\",\"cmdline\":\"console=ttyS0"
                + ip + " cairn.hostname=" + name + " " + cmdline + "\"}}";
        Rest.Response created = api.post("/vms", body);
        assertEquals(201, created.status(), created.body());
        VMS.add(name);
        Rest.Response start = api.post("/vms/" + name + "/start", "");
        assertEquals(202, start.status(), start.body());
        api.awaitTask(start.json().get("id").asText(), BOOT);
        String on = node != null ? node : api.get("/vms/" + name).json().path("owner").path("node").asText();
        String xml = Virsh.run(cluster, on, "dumpxml", "cairn-" + name);
        assertTrue(xml.contains("<virtualport type='openvswitch'>"), xml);
        assertTrue(xml.contains(mac), xml);
    }

    private static Path consolePath(String node, String vm) {
        return cluster.karafHome(node).resolve("data/cairn/console/" + vm + ".log");
    }

    private static String console(String node, String vm) throws IOException {
        Path p = consolePath(node, vm);
        return Files.exists(p) ? Files.readString(p, StandardCharsets.ISO_8859_1) : "";
    }

    private static void awaitConsole(String node, String vm, String text) {
        LocalCluster.await(vm + " printing '" + text + "'", BOOT, () -> {
            try {
                return console(node, vm).contains(text);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A namespace on an overlay network: its logical port made as Cairn makes a NIC's, then attached. */
    private static String endpoint(String node, String name, String network, String mac, String address, int mtu) {
        String port = java.util.UUID.nameUUIDFromBytes(("cairn-nic:" + network + "/" + mac)
                .getBytes(StandardCharsets.UTF_8)).toString();
        String dhcp = ovnNb(node, "--bare", "--columns=_uuid", "find", "dhcp_options",
                "external_ids:cairn-network=" + network).trim();
        ovnNb(node, "--may-exist", "lsp-add", "cairn-" + network, port, "--", "lsp-set-addresses", port,
                mac + " " + (address == null ? "dynamic" : address), "--", "lsp-set-dhcpv4-options", port, dhcp);
        cluster.script(Duration.ofSeconds(60), "endpoint-add", node, name, mac, String.valueOf(mtu), "br-int", port);
        ENDPOINTS.add(new String[]{node, name});
        String[] got = new String[1];
        LocalCluster.await(name + " getting an address by DHCP", Duration.ofSeconds(30), () -> {
            Host.Result r = Host.exec(List.of(cluster.repo().resolve("scripts/cluster").toString(), "endpoint-dhcp", name),
                    Duration.ofSeconds(20), Map.of("CAIRN_RUN", cluster.run().toString()));
            got[0] = r.stdout().trim();
            return r.exitCode() == 0 && !got[0].isEmpty();
        });
        if (address != null) {
            assertEquals(address + "/24", got[0]);
        }
        return got[0];
    }

    private static void vlanEndpoint(String node, String name, String bridge, int tag, String mac, String cidr) {
        cluster.script(Duration.ofSeconds(60), "endpoint-add", node, name, mac, "1500", bridge, "-", "tag=" + tag);
        ENDPOINTS.add(new String[]{node, name});
        cluster.script(Duration.ofSeconds(10), "endpoint-exec", name, "ip", "addr", "add", cidr, "dev", "eth0");
    }

    /** The per-S-tag bridge Cairn makes on a node for a QinQ NIC (here for a namespace endpoint). */
    private static void qinqBridge(String node, int outer) {
        String br = "cq" + outer;
        cluster.exec(node, "ovs-vsctl", "--may-exist", "add-br", br, "--", "set", "bridge", br, "datapath_type=netdev",
                "--", "--may-exist", "add-port", br, br + "-up", "--", "set", "interface", br + "-up", "type=patch",
                "options:peer=" + br + "-dn", "--", "--may-exist", "add-port", "br-phy", br + "-dn", "--", "set", "interface",
                br + "-dn", "type=patch", "options:peer=" + br + "-up", "--", "set", "port", br + "-dn",
                "vlan_mode=dot1q-tunnel", "tag=" + outer, "other_config:qinq-ethtype=802.1ad");
    }

    private static void epPing(String name, String target, int size, boolean expectOk) {
        Host.Result r = Host.exec(List.of(cluster.repo().resolve("scripts/cluster").toString(), "endpoint-exec", name,
                "ping", "-c", "2", "-W", "2", "-M", "do", "-s", String.valueOf(size), target), Duration.ofSeconds(20),
                Map.of("CAIRN_RUN", cluster.run().toString()));
        assertEquals(expectOk, r.exitCode() == 0, "ping -M do -s " + size + " " + target + " from " + name + ": "
                + r.stdout() + r.stderr());
    }

    private static double iperf(String server, String client, String serverAddress) {
        String sc = cluster.repo().resolve("scripts/cluster").toString();
        Map<String, String> env = Map.of("CAIRN_RUN", cluster.run().toString());
        Host.run(List.of(sc, "endpoint-exec", server, "iperf3", "-s", "-D", "-1"), Duration.ofSeconds(10), env);
        String out = Host.run(List.of(sc, "endpoint-exec", client, "iperf3", "-c", serverAddress, "-t", "5", "-f", "m"),
                Duration.ofSeconds(30), env);
        Matcher m = Pattern.compile("([0-9.]+) Mbits/sec.*receiver").matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1));
    }

    private static String ovnNb(String node, String... args) {
        List<String> argv = new ArrayList<>(List.of("ovn-nbctl", "--db=" + cluster.clusterEnv("OVN_NB")));
        argv.addAll(List.of(args));
        return cluster.exec(node, argv.toArray(String[]::new));
    }

    private static String sbRemote() {
        return cluster.clusterEnv("OVN_NB").replace(":6641", ":6642");
    }

    /** {@code ovs-vsctl show} of every node and {@code ovn-nbctl show}. */
    private static Map<String, String> backendViews() {
        Map<String, String> views = new LinkedHashMap<>();
        for (String node : cluster.nodes()) {
            views.put(node + " ovs-vsctl show", cluster.exec(node, "ovs-vsctl", "show"));
        }
        views.put("ovn-nbctl show", ovnNb(cluster.nodes().get(0), "show"));
        return views;
    }
}
