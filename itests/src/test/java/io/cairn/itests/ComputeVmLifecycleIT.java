package io.cairn.itests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Foundation 2: real guests on the nodes' own libvirtds, driven through REST, SOAP and the shell. */
class ComputeVmLifecycleIT {
    private static final Duration BOOT = Duration.ofSeconds(150);
    private static LocalCluster cluster;
    private static Api api;

    @BeforeAll
    static void boot() {
        cluster = LocalCluster.get();
        cluster.heal();
        api = new Api(cluster, cluster.nodes().get(0));
    }

    @Test
    void restStartedVmRunsOnTheReportedNodeOnlyAndStopsByAcpiThroughSoap() throws IOException {
        Rest.Response created = api.post("/vms", Api.vmJson("it-web1", false, null));
        assertEquals(201, created.status(), created.body());
        String node = created.json().get("owner").get("node").asText();
        long startedAt = System.nanoTime();
        Rest.Response start = api.post("/vms/it-web1/start", "");
        assertEquals(202, start.status(), start.body());
        api.awaitTask(start.json().get("id").asText(), BOOT);

        JsonNode vm = api.get("/vms/it-web1").json();
        assertEquals("running", vm.get("status").get("state").asText(), vm.toString());
        assertEquals(node, vm.get("status").get("node").asText());
        assertTrue(Virsh.run(cluster, node, "dominfo", "cairn-it-web1").matches("(?s).*State:\\s+running.*"));
        assertEquals(List.of(node), Virsh.nodesRunning(cluster, "cairn-it-web1"));
        Path console = cluster.karafHome(node).resolve("data/cairn/console/it-web1.log");
        LocalCluster.await("the guest's marker on its serial console", BOOT,
                () -> Files.exists(console) && read(console).contains("CAIRN-GUEST-READY"));
        System.out.printf("BENCH guest start (REST) to marker on the serial console: %.1f s%n",
                (System.nanoTime() - startedAt) / 1e9);

        String task = new Soap(cluster, cluster.nodes().get(0), Soap.VMS).ok("stopVm", "<v:name>it-web1</v:name>");
        Matcher id = Pattern.compile("<(?:\\w+:)?id>([^<]+)</").matcher(task);
        assertTrue(id.find(), task);
        JsonNode stopped = api.awaitTask(id.group(1), Duration.ofSeconds(90));
        assertTrue(stopped.get("message").asText().contains("ACPI"), "not a graceful stop: " + stopped);
        assertEquals(List.of(), Virsh.nodesRunning(cluster, "cairn-it-web1"));
        assertEquals("stopped", api.get("/vms/it-web1").json().get("status").get("state").asText());
        api.awaitTask(api.delete("/vms/it-web1").json().get("id").asText(), Duration.ofSeconds(60));
        assertEquals(404, api.get("/vms/it-web1").status());
    }

    @Test
    void shellCreatedVmIsGoneFromLibvirtAfterDelete() throws IOException {
        String node = cluster.nodes().get(1);
        String created = shell(node, "vm:create --vcpus 1 --memory 96 --kernel vmlinuz --initrd initrd.img"
                + " --cmdline console=ttyS0 it-sh1");
        assertTrue(created.contains("it-sh1"), created);
        shell(node, "vm:start it-sh1");
        LocalCluster.await("it-sh1 to run on one node", BOOT,
                () -> Virsh.nodesRunning(cluster, "cairn-it-sh1").size() == 1);
        String list = shell(node, "vm:list");
        assertTrue(list.contains("it-sh1"), list);
        shell(node, "vm:delete it-sh1");
        LocalCluster.await("it-sh1 to leave libvirt", Duration.ofSeconds(90),
                () -> Virsh.nodesRunning(cluster, "cairn-it-sh1").isEmpty());
        assertEquals(404, api.get("/vms/it-sh1").status());
    }

    @Test
    void aRestartedNodeAdoptsItsRunningDomain() {
        String node = cluster.nodes().get(2);
        Rest.Response created = api.post("/vms", Api.vmJson("it-adopt", false, "\"node\":\"" + node + "\""));
        assertEquals(201, created.status(), created.body());
        api.awaitTask(api.post("/vms/it-adopt/start", "").json().get("id").asText(), BOOT);
        long pid = Virsh.qemuPid(cluster, node, "cairn-it-adopt");

        cluster.script(Duration.ofMinutes(2), "stop-node", node);
        cluster.startNode(node);
        LocalCluster.await(node + " to report it-adopt running again", Duration.ofSeconds(60),
                () -> "running".equals(api.get("/vms/it-adopt").json().get("status").get("state").asText()));
        List<String> running = Virsh.nodesRunning(cluster, "cairn-it-adopt");
        assertEquals(List.of(node), running, "the domain did not survive the restart of " + node + "; "
                + cluster.diagnose("it-adopt"));
        assertEquals(pid, Virsh.qemuPid(cluster, node, "cairn-it-adopt"), "the domain was restarted, not adopted");
        api.awaitTask(api.delete("/vms/it-adopt").json().get("id").asText(), Duration.ofSeconds(60));
        LocalCluster.await("it-adopt to leave libvirt", Duration.ofSeconds(60),
                () -> Virsh.nodesRunning(cluster, "cairn-it-adopt").isEmpty());
    }

    @Test
    void badInputIsRefusedWithTheRightCodeAndLeavesStateUnchanged() {
        assertEquals(201, api.post("/vms", Api.vmJson("it-dup", false, null)).status());
        List<String> before = api.vmNames();
        String boot = "\"boot\":{\"kernel\":\"vmlinuz\"}";
        Map<String, Integer> cases = new java.util.LinkedHashMap<>();
        cases.put("{\"name\":\"x1\",", 400);
        cases.put("{\"name\":\"x1\",\"vcpus\":1,\"memoryMiB\":64,\"colour\":\"red\"," + boot + "}", 400);
        cases.put("{\"name\":\"x1\",\"vcpus\":0,\"memoryMiB\":64," + boot + "}", 422);
        cases.put("{\"name\":\"x1\",\"vcpus\":-1,\"memoryMiB\":64," + boot + "}", 422);
        cases.put("{\"name\":\"x1\",\"vcpus\":1.5,\"memoryMiB\":64," + boot + "}", 400);
        cases.put("{\"name\":\"x1\",\"vcpus\":\"two\",\"memoryMiB\":64," + boot + "}", 400);
        cases.put("{\"name\":\"x1\",\"vcpus\":1,\"memoryMiB\":0," + boot + "}", 422);
        cases.put("{\"name\":\"x1\",\"vcpus\":1,\"memoryMiB\":-64," + boot + "}", 422);
        cases.put("{\"name\":\"x1\",\"vcpus\":1,\"memoryMiB\":1048576," + boot + "}", 422);
        for (String name : List.of("a/b", "..", "a b", "a\\u0000b", "Upper", "a".repeat(64))) {
            cases.put("{\"name\":\"" + name + "\",\"vcpus\":1,\"memoryMiB\":64," + boot + "}", 422);
        }
        cases.put(Api.vmJson("it-dup", false, null), 409);
        cases.put(Api.vmJson("x2", false, "\"nics\":[{\"network\":\"lan\",\"mac\":\"02:00:00:00:00\"}]"), 422);
        cases.put(Api.vmJson("x2", false, "\"nics\":[{\"network\":\"lan\",\"mac\":\"01:00:5e:00:00:01\"}]"), 422);
        cases.put("{\"name\":\"x3\",\"vcpus\":1,\"memoryMiB\":64,\"boot\":{\"kernel\":\"../../etc/passwd\"}}", 422);
        cases.put("{\"name\":\"x3\",\"vcpus\":1,\"memoryMiB\":64,\"boot\":{\"kernel\":\"/boot/vmlinuz\"}}", 422);
        cases.put(Api.vmJson("x4", false, "\"node\":\"nosuchnode\""), 422);
        cases.forEach((body, code) -> {
            Rest.Response r = api.post("/vms", body);
            assertEquals(code, r.status(), body + " -> " + r.body());
            JsonNode error = r.json();
            assertTrue(error.hasNonNull("error") && error.hasNonNull("message") && !error.get("message").asText().isBlank(),
                    "error body of " + body + ": " + r.body());
        });
        assertEquals(404, api.get("/vms/nosuchvm").status());
        assertEquals(404, api.post("/vms/nosuchvm/start", "").status());
        assertEquals(409, api.post("/vms/it-dup/stop", "").status());
        assertEquals(before, api.vmNames(), "bad requests changed the cluster's VMs");
        api.awaitTask(api.delete("/vms/it-dup").json().get("id").asText(), Duration.ofSeconds(60));
    }

    @Test
    void openApiDocumentIsServedByEveryNode() {
        for (String node : cluster.nodes()) {
            Rest.Response doc = new Api(cluster, node).get("/openapi.json");
            assertEquals(200, doc.status());
            assertTrue(doc.json().get("openapi").asText().startsWith("3."), doc.body());
            assertTrue(doc.json().get("paths").has("/vms/{name}/start"), doc.body());
        }
    }

    private static String shell(String node, String command) throws IOException {
        return Ssh.run(cluster.address(node), cluster.sshPort(node), "admin", cluster.password(), command);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
