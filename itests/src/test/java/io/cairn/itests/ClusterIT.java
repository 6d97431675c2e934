package io.cairn.itests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Foundation 1: three real nodes see each other, authenticate, and notice a dead node. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    /** down.after.ms in etc/io.cairn.cluster.cfg */
    private static final Duration DOWN_AFTER = Duration.ofMillis(6000);
    private static LocalCluster cluster;

    @BeforeAll
    static void boot() {
        cluster = LocalCluster.get();
        cluster.heal();
    }

    @Test
    @Order(1)
    void everyNodeListsAllNodesUpWithTheHostsRealCapacity() throws IOException {
        long memTotalMiB = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(l -> l.startsWith("MemTotal:")).map(l -> Long.parseLong(l.replaceAll("\\D+", "")) / 1024)
                .findFirst().orElseThrow();
        int cpus = Runtime.getRuntime().availableProcessors();
        for (String node : cluster.nodes()) {
            LocalCluster.await("node " + node + " to list all nodes up", Duration.ofSeconds(60), () -> {
                JsonNode list = Rest.get(cluster.restBase(node) + "/nodes", "admin", cluster.password()).json();
                return list.size() == LocalCluster.SIZE && LocalCluster.allUp(list);
            });
            JsonNode list = Rest.get(cluster.restBase(node) + "/nodes", "admin", cluster.password()).json();
            List<String> names = new ArrayList<>();
            for (JsonNode n : list) {
                names.add(n.get("name").asText());
                assertEquals(cpus, n.get("cpus").asInt(), "cpus of " + n);
                assertEquals(memTotalMiB, n.get("memoryMiB").asLong(), "memoryMiB of " + n);
                assertTrue(n.get("freeMemoryMiB").asLong() > 0 && n.get("freeMemoryMiB").asLong() <= memTotalMiB);
                assertEquals(List.of(cluster.address(n.get("name").asText())),
                        List.of(n.get("addresses").get(0).asText()));
            }
            assertEquals(cluster.nodes(), names, "nodes listed by " + node);
            Rest.Response one = Rest.get(cluster.restBase(node) + "/nodes/" + node, "admin", cluster.password());
            assertEquals(200, one.status());
            assertEquals(node, one.json().get("name").asText());
        }
    }

    @Test
    @Order(2)
    void shellNodeListOverSshShowsAllNodes() throws IOException {
        for (String node : cluster.nodes()) {
            String out = Ssh.run(cluster.address(node), cluster.sshPort(node), "admin", cluster.password(), "node:list");
            for (String other : cluster.nodes()) {
                assertTrue(out.matches("(?s).*\\b" + other + "\\s*\\|\\s*up\\b.*"), "node:list on " + node + ":\n" + out);
            }
            String show = Ssh.run(cluster.address(node), cluster.sshPort(node), "admin", cluster.password(),
                    "node:show " + cluster.nodes().get(0));
            assertTrue(show.contains("State          up"), show);
        }
    }

    @Test
    @Order(3)
    void wrongOrMissingCredentialsAreRefused() throws IOException {
        String url = cluster.restBase(cluster.nodes().get(0)) + "/nodes";
        Rest.Response none = Rest.get(url, null, null);
        assertEquals(401, none.status());
        assertEquals("unauthorized", none.json().get("error").asText());
        assertEquals(401, Rest.get(url, "admin", cluster.password() + "x").status());
        assertEquals(401, Rest.get(url, "root", cluster.password()).status());
        assertEquals(404, Rest.get(cluster.restBase(cluster.nodes().get(0)) + "/nodes/nosuchnode", "admin",
                cluster.password()).status());
        String node = cluster.nodes().get(1);
        assertThrows(IOException.class, () -> Ssh.run(cluster.address(node), cluster.sshPort(node), "admin",
                "wrong-password", "node:list"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cluster.passwordFile())));
    }

    @Test
    @Order(4)
    void everyNodeUsesKvmAndReportsTheInstalledBhyveDriverUnavailableOnLinux() {
        for (String node : cluster.nodes()) {
            LocalCluster.await("node " + node + " to list its compute drivers", Duration.ofSeconds(60), () ->
                    Rest.get(cluster.restBase(node) + "/cluster/state", "admin", cluster.password())
                            .json().get("drivers").size() == 2);
            JsonNode drivers = Rest.get(cluster.restBase(node) + "/cluster/state", "admin", cluster.password())
                    .json().get("drivers");
            JsonNode bhyve = drivers.get(0);
            JsonNode kvm = drivers.get(1);
            assertEquals("bhyve", bhyve.get("type").asText(), drivers.toString());
            assertEquals("compute", bhyve.get("kind").asText());
            assertTrue(!bhyve.get("selected").asBoolean() && !bhyve.get("available").asBoolean(), drivers.toString());
            assertTrue(bhyve.get("reason").asText().startsWith("bhyve runs only on FreeBSD and this node runs Linux"),
                    drivers.toString());
            assertEquals("kvm", kvm.get("type").asText(), drivers.toString());
            assertTrue(kvm.get("selected").asBoolean() && kvm.get("available").asBoolean(), drivers.toString());
        }
    }

    @Test
    @Order(10)
    void aKilledNodeIsDownWithinTheTimeoutAndUpAgainAfterRestart() {
        List<String> nodes = cluster.nodes();
        String victim = nodes.get(nodes.size() - 1);
        cluster.killNode(victim);
        for (String observer : nodes.subList(0, nodes.size() - 1)) {
            Duration took = LocalCluster.await(observer + " to see " + victim + " down", DOWN_AFTER.plusSeconds(10),
                    () -> "down".equals(state(observer, victim)));
            assertTrue(took.compareTo(DOWN_AFTER.plusSeconds(3)) <= 0,
                    observer + " took " + took + " to see " + victim + " down");
        }
        cluster.startNode(victim);
        for (String observer : nodes) {
            LocalCluster.await(observer + " to see " + victim + " up again", Duration.ofSeconds(90),
                    () -> "up".equals(state(observer, victim)));
        }
    }

    private static String state(String observer, String node) {
        Rest.Response response = Rest.get(cluster.restBase(observer) + "/nodes/" + node, "admin", cluster.password());
        return response.status() == 200 ? response.json().get("state").asText() : "status " + response.status();
    }
}
