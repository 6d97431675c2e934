package io.cairn.sdn.geneve.internal;

import io.cairn.api.host.CommandResult;
import io.cairn.api.host.HostCommandException;
import io.cairn.api.host.HostCommands;
import io.cairn.api.network.EdgeSpec;
import io.cairn.api.network.NetworkSpec;
import io.cairn.api.network.NicBinding;
import io.cairn.api.network.NicPort;
import io.cairn.api.network.PortForward;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The driver's northbound writes against a real OVN NB database (a private {@code ovsdb-server} with
 * OVN's schema in a temp dir): switches, DHCP, ports, EDGE routers with gateway chassis, NAT, load
 * balancers, and the epoch check. Needs {@code ovsdb-server} and {@code ovn-nbctl} (scripts/setup).
 */
class OvnNetworkDriverNbTest {
    @TempDir
    static Path dir;
    private static Process server;
    private static String remote;
    private static OvnNetworkDriver driver;
    private static final HostCommands HOST = new Runner();

    @BeforeAll
    static void startNb() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ovn-nbctl")) && Files.isReadable(Path.of("/usr/share/ovn/ovn-nb.ovsschema")),
                "OVN is not installed (scripts/setup installs it)");
        Path db = dir.resolve("nb.db");
        HOST.run(List.of("ovsdb-tool", "create", db.toString(), "/usr/share/ovn/ovn-nb.ovsschema"), Duration.ofSeconds(10));
        Path sock = dir.resolve("nb.sock");
        server = new ProcessBuilder("ovsdb-server", db.toString(), "--remote=punix:" + sock, "--unixctl=" + dir.resolve("ctl"),
                "-vconsole:off", "--log-file=" + dir.resolve("log")).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out").toFile()).start();
        for (int i = 0; i < 100 && !Files.exists(sock); i++) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        remote = "unix:" + sock;
        driver = new OvnNetworkDriver(HOST, config(remote));
    }

    @AfterAll
    static void stopNb() {
        if (server != null) {
            server.destroy();
        }
    }

    private static String nb(String... args) {
        List<String> argv = new ArrayList<>(List.of("ovn-nbctl", "--db=" + remote));
        argv.addAll(List.of(args));
        return HOST.run(argv, Duration.ofSeconds(10)).stdout().trim();
    }

    @Test
    void aGeneveNetworkWithDhcpPortsAndAnEdgeRouterIsWrittenAndRemoved() {
        NetworkSpec blue = new NetworkSpec("blue", "geneve", 5001, null, null, 8950, "10.50.0.0/24");
        driver.apply(blue);
        driver.apply(blue); // idempotent
        assertEquals("5001", nb("get", "logical_switch", "cairn-blue", "other_config:requested-tnl-key").replace("\"", ""));
        assertEquals(1, OvnNetworkDriver.uuids(nb("--bare", "--columns=_uuid", "find", "dhcp_options",
                "external_ids:cairn-network=blue")).size());

        NicBinding fixed = new NicBinding("web", "02:00:00:00:00:07", "10.50.0.7");
        NicPort port = driver.attach(blue, fixed);
        assertEquals("br-int", port.bridge());
        assertEquals(fixed.portId("blue"), port.interfaceId());
        assertTrue(nb("lsp-get-addresses", fixed.portId("blue")).contains("02:00:00:00:00:07 10.50.0.7"));
        assertTrue(!nb("lsp-get-dhcpv4-options", fixed.portId("blue")).isEmpty());
        assertEquals(1, driver.observe(blue).ports());

        EdgeSpec edge = new EdgeSpec("blue", "192.0.2.10/24", "192.0.2.1", true,
                List.of(new PortForward("tcp", 8080, "10.50.0.7", 80)));
        driver.applyEdge(blue, edge, "n1", 10);
        assertTrue(nb("lrp-get-gateway-chassis", "cairn-edge-blue-out").contains("cairn-edge-blue-out-n1"));
        assertTrue(nb("lr-nat-list", "cairn-edge-blue").contains("192.0.2.10"));
        assertTrue(nb("lb-list").contains("192.0.2.10:8080"));
        // a move: the survivor with a higher epoch takes the gateway; the former owner cannot take it back
        driver.applyEdge(blue, edge.withForwards(List.of()), "n2", 12);
        String gw = nb("lrp-get-gateway-chassis", "cairn-edge-blue-out");
        assertTrue(gw.contains("cairn-edge-blue-out-n2") && !gw.contains("-n1"), gw);
        assertTrue(!nb("lb-list").contains("192.0.2.10:8080"), "a removed forward stays");
        assertThrows(IllegalStateException.class, () -> driver.applyEdge(blue, edge, "n1", 10));
        assertTrue(nb("lrp-get-gateway-chassis", "cairn-edge-blue-out").contains("-n2"));

        driver.removeEdge("blue");
        assertTrue(!nb("lr-list").contains("cairn-edge-blue"));
        driver.detach(blue, fixed);
        driver.remove("blue");
        assertTrue(!nb("ls-list").contains("cairn-blue"));
        assertEquals("", nb("--bare", "--columns=_uuid", "find", "dhcp_options", "external_ids:cairn-network=blue"));
    }

    @Test
    void vlanNetworksNeedNothingInOvnAndAttachAsAccessPortsOnTheTrunk() {
        NetworkSpec office = new NetworkSpec("office", "vlan", null, 100, null, null, null);
        String before = nb("show");
        driver.apply(office);
        assertEquals(before, nb("show"));
        NicPort port = driver.attach(office, new NicBinding("web", "02:00:00:00:00:08", null));
        assertEquals("br-phy", port.bridge());
        assertEquals(100, port.vlanTag());
        assertNull(port.interfaceId());
    }

    private static SdnConfig config(String nb) {
        return new SdnConfig() {
            public String nb_remote() { return nb; }
            public int underlay_mtu() { return 9216; }
            public String trunk_bridge() { return "br-phy"; }
            public String integration_bridge() { return "br-int"; }
            public String uplink_network() { return "trunk"; }
            public int command_timeout_seconds() { return 10; }
            public Class<? extends Annotation> annotationType() { return SdnConfig.class; }
        };
    }

    /** Runs host programs for the test (core's ProcessHostCommands is not on this bundle's path). */
    private static final class Runner implements HostCommands {
        @Override
        public CommandResult run(List<String> argv, Duration timeout) {
            CommandResult r = exec(argv, timeout);
            if (!r.succeeded()) {
                throw new HostCommandException(argv, r.exitCode(), r.stderr(), "exit code " + r.exitCode(), null);
            }
            return r;
        }

        @Override
        public CommandResult exec(List<String> argv, Duration timeout) {
            try {
                Process p = new ProcessBuilder(argv).start();
                p.getOutputStream().close();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new HostCommandException(argv, -1, "", "timed out", null);
                }
                return new CommandResult(argv, p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new HostCommandException(argv, -1, "", "cannot start: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HostCommandException(argv, -1, "", "interrupted", e);
            }
        }
    }
}
