package io.cairn.rest.internal;

import io.cairn.testing.BasicAuth;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST API over HTTP against the real CXF stack: status codes, error bodies, JSON shapes. */
class RestApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RestHarness api;

    static final String VALID = """
            {"name":"web1","tenant":"acme","vcpus":2,"memoryMiB":512,
             "nics":[{"network":"lan","mac":"02:00:00:12:34:56"},{"network":"dmz"}],
             "boot":{"kernel":"debian/vmlinuz","initrd":"initrd.gz","cmdline":"console=ttyS0"},
             "cloudInit":"#cloud-config\\n","ha":true,"node":"node1"}""";

    @BeforeAll
    static void start() throws Exception {
        api = new RestHarness();
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @BeforeEach
    void reset() {
        api.services.reset();
    }

    // ---------------------------------------------------------------- happy paths and JSON shapes

    @Test
    void createAnswers201WithLocationAndTheVmInTheDocumentedShape() throws Exception {
        HttpResponse<String> created = api.post("/vms", VALID);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(api.base + "/vms/web1", created.headers().firstValue("Location").orElseThrow());
        assertTrue(created.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));

        JsonNode vm = JSON.readTree(created.body());
        assertEquals(Set.of("vm", "status", "owner"), fields(vm));
        assertEquals(Set.of("id", "spec", "power", "created"), fields(vm.get("vm")));
        JsonNode spec = vm.get("vm").get("spec");
        assertEquals(Set.of("name", "tenant", "vcpus", "memoryMiB", "nics", "boot", "cloudInit", "ha", "node", "disks"),
                fields(spec));
        assertEquals(Set.of("network", "mac", "address"), fields(spec.get("nics").get(0)));
        assertEquals(Set.of("kernel", "initrd", "cmdline"), fields(spec.get("boot")));
        assertEquals(Set.of("state", "node", "since", "lastError"), fields(vm.get("status")));
        assertEquals(Set.of("vmId", "node", "epoch"), fields(vm.get("owner")));
        assertEquals("web1", spec.get("name").asText());
        assertEquals(2, spec.get("vcpus").asInt());
        assertEquals(512, spec.get("memoryMiB").asLong());
        assertEquals("02:00:00:12:34:56", spec.get("nics").get(0).get("mac").asText());
        assertTrue(spec.get("nics").get(1).get("mac").asText().matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}"));
        assertEquals("stopped", vm.get("vm").get("power").asText());
        assertEquals("stopped", vm.get("status").get("state").asText());
        assertEquals("2025-01-02T03:04:05Z", vm.get("vm").get("created").asText());

        HttpResponse<String> got = api.get("/vms/web1");
        assertEquals(200, got.statusCode());
        assertEquals(vm, JSON.readTree(got.body()));
        HttpResponse<String> list = api.get("/vms");
        assertEquals(200, list.statusCode());
        assertEquals(1, JSON.readTree(list.body()).size());
        assertEquals(vm, JSON.readTree(list.body()).get(0));
    }

    @Test
    void readsOnANodeCutOffFromTheMajorityAreMarkedStaleAndOthersAreNot() throws Exception {
        assertTrue(api.get("/vms").headers().firstValue(StaleReadFilter.HEADER).isEmpty());
        api.store.cutOff(true);
        try {
            HttpResponse<String> list = api.get("/vms");
            assertEquals(200, list.statusCode(), list.body());
            String mark = list.headers().firstValue(StaleReadFilter.HEADER).orElseThrow();
            assertTrue(mark.contains("cut off from the majority"), mark);
            HttpResponse<String> missing = api.get("/vms/nosuchvm");
            assertEquals(404, missing.statusCode());
            assertTrue(missing.headers().firstValue(StaleReadFilter.HEADER).isPresent(), "a stale replica's 404 too");
        } finally {
            api.store.cutOff(false);
        }
        assertTrue(api.get("/vms").headers().firstValue(StaleReadFilter.HEADER).isEmpty());
    }

    @Test
    void minimalSpecTakesDefaults() throws Exception {
        HttpResponse<String> created = api.post("/vms",
                "{\"name\":\"a\",\"vcpus\":1,\"memoryMiB\":16,\"boot\":{\"kernel\":\"k\"}}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode spec = JSON.readTree(created.body()).get("vm").get("spec");
        assertEquals("default", spec.get("tenant").asText());
        assertEquals(0, spec.get("nics").size());
        assertTrue(spec.get("ha").isBoolean() && !spec.get("ha").asBoolean());
        assertTrue(spec.get("node").isNull());
    }

    @Test
    void listsPageByPageWithACursorAndFilters() throws Exception {
        for (String name : new String[] {"a1", "a2", "a3", "b1", "b2"}) {
            String tenant = name.startsWith("a") ? "acme" : "beta";
            assertEquals(201, api.post("/vms", "{\"name\":\"" + name + "\",\"tenant\":\"" + tenant
                    + "\",\"vcpus\":1,\"memoryMiB\":16,\"boot\":{\"kernel\":\"k\"}}").statusCode());
        }
        HttpResponse<String> first = api.get("/vms?limit=2");
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(List.of("a1", "a2"), names(first.body()));
        String cursor = first.headers().firstValue("X-Next-Cursor").orElseThrow();
        assertEquals("a2", cursor);
        assertTrue(first.headers().firstValue("Link").orElseThrow().contains("cursor=a2"));
        HttpResponse<String> second = api.get("/vms?limit=2&cursor=" + cursor);
        assertEquals(List.of("a3", "b1"), names(second.body()));
        HttpResponse<String> last = api.get("/vms?limit=2&cursor=b1");
        assertEquals(List.of("b2"), names(last.body()));
        assertTrue(last.headers().firstValue("X-Next-Cursor").isEmpty(), "the last page has no next cursor");

        assertEquals(List.of("b1", "b2"), names(api.get("/vms?tenant=beta").body()));
        assertEquals(List.of("a1", "a2", "a3", "b1", "b2"), names(api.get("/vms?state=stopped").body()));
        assertEquals(List.of(), names(api.get("/vms?state=running").body()));

        assertError(api.get("/vms?limit=0"), 422, "invalid");
        assertError(api.get("/vms?limit=1001"), 422, "invalid");
        assertError(api.get("/vms?limit=ten"), 400, "bad_request");
        assertError(api.get("/vms?state=sleeping"), 400, "bad_request");
        assertError(api.get("/vms?cursor=..%2Fetc"), 422, "invalid");
    }

    private static List<String> names(String body) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        JSON.readTree(body).forEach(vm -> out.add(vm.get("vm").get("spec").get("name").asText()));
        return out;
    }

    @Test
    void emptyListIsAnEmptyArray() throws Exception {
        HttpResponse<String> list = api.get("/vms");
        assertEquals(200, list.statusCode());
        assertEquals("[]", list.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"start", "stop", "reboot", "destroy"})
    void powerActionsAnswer202WithTheTask(String action) throws Exception {
        assertEquals(201, api.post("/vms", VALID).statusCode());
        if (!action.equals("start")) {
            assertEquals(202, api.post("/vms/web1/start", null).statusCode());
        }
        HttpResponse<String> accepted = api.post("/vms/web1/" + action, null);
        assertEquals(202, accepted.statusCode(), accepted.body());
        JsonNode task = JSON.readTree(accepted.body());
        assertEquals(Set.of("id", "kind", "target", "node", "state", "progress", "message", "error", "created",
                "updated"), fields(task));
        assertEquals("vm." + action, task.get("kind").asText());
        assertEquals("web1", task.get("target").asText());
        assertEquals("queued", task.get("state").asText());
        assertEquals(api.base + "/tasks/" + task.get("id").asText(),
                accepted.headers().firstValue("Location").orElseThrow());

        HttpResponse<String> got = api.get("/tasks/" + task.get("id").asText());
        assertEquals(200, got.statusCode());
        assertEquals(task, JSON.readTree(got.body()));
    }

    @Test
    void deleteAnswers202AndTheVmIsGone() throws Exception {
        assertEquals(201, api.post("/vms", VALID).statusCode());
        HttpResponse<String> deleted = api.send("DELETE", "/vms/web1", null, null, true);
        assertEquals(202, deleted.statusCode(), deleted.body());
        assertEquals("vm.delete", JSON.readTree(deleted.body()).get("kind").asText());
        assertError(api.get("/vms/web1"), 404, "not_found");
        assertError(api.send("DELETE", "/vms/web1", null, null, true), 404, "not_found");
    }

    @Test
    void tasksAreListedNewestFirstAndUnknownIdsAre404() throws Exception {
        assertEquals("[]", api.get("/tasks").body());
        assertEquals(201, api.post("/vms", VALID).statusCode());
        api.post("/vms/web1/start", null);
        api.post("/vms/web1/stop", null);
        JsonNode tasks = JSON.readTree(api.get("/tasks").body());
        assertEquals(2, tasks.size());
        assertEquals("vm.stop", tasks.get(0).get("kind").asText());
        assertError(api.get("/tasks/nope"), 404, "not_found");
        assertError(api.get("/tasks/a%20b"), 404, "not_found");
    }

    @Test
    void nodesAreServed() throws Exception {
        HttpResponse<String> nodes = api.get("/nodes");
        assertEquals(200, nodes.statusCode());
        assertEquals(Set.of("id", "name", "addresses", "cpus", "memoryMiB", "freeMemoryMiB", "state", "lastHeartbeat"),
                fields(JSON.readTree(nodes.body()).get(0)));
        assertEquals("up", JSON.readTree(nodes.body()).get(0).get("state").asText());
        assertError(api.get("/nodes/nope"), 404, "not_found");
    }

    @Test
    void openApiDocumentIsServed() throws Exception {
        HttpResponse<String> doc = api.get("/openapi.json");
        assertEquals(200, doc.statusCode());
        assertTrue(doc.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        JsonNode root = JSON.readTree(doc.body());
        assertEquals("3.0.3", root.get("openapi").asText());
        assertTrue(root.get("paths").has("/vms/{name}"));
        assertError(api.send("GET", "/openapi.json", null, null, false), 401, "unauthorized");
    }

    // ---------------------------------------------------------------- service failures

    @Test
    void duplicateNameIs409() throws Exception {
        assertEquals(201, api.post("/vms", VALID).statusCode());
        assertError(api.post("/vms", VALID), 409, "conflict");
    }

    @Test
    void stateConflictIs409() throws Exception {
        assertEquals(201, api.post("/vms", VALID).statusCode());
        assertError(api.post("/vms/web1/stop", null), 409, "conflict");
        assertError(api.post("/vms/web1/reboot", null), 409, "conflict");
    }

    @Test
    void unsatisfiableIs422() throws Exception {
        assertError(api.post("/vms", VALID.replace("\"memoryMiB\":512", "\"memoryMiB\":1048576")), 422, "invalid");
        assertError(api.post("/vms", VALID.replace("\"node\":\"node1\"", "\"node\":\"node9\"")), 422, "invalid");
    }

    @Test
    void unavailableIs503() throws Exception {
        api.services.unavailable(true);
        assertError(api.get("/vms"), 503, "unavailable");
        assertError(api.post("/vms", VALID), 503, "unavailable");
        assertError(api.get("/tasks"), 503, "unavailable");
    }

    @Test
    void missingVmServicesAre503WhileNodesStillAnswer() throws Exception {
        api.services.present(false);
        assertError(api.get("/vms"), 503, "unavailable");
        assertError(api.post("/vms", VALID), 503, "unavailable");
        assertError(api.post("/vms/web1/start", null), 503, "unavailable");
        assertError(api.get("/tasks"), 503, "unavailable");
        assertEquals(200, api.get("/nodes").statusCode());
        assertEquals(200, api.get("/openapi.json").statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"start", "stop", "reboot", "destroy"})
    void actionsOnUnknownVmsAre404(String action) throws Exception {
        assertError(api.post("/vms/ghost/" + action, null), 404, "not_found");
    }

    // ---------------------------------------------------------------- bad input: 400

    static Stream<Arguments> unparseable() {
        return Stream.of(
                Arguments.of("truncated", "{\"name\":\"a\""),
                Arguments.of("trailing comma", VALID.replace("\"node\":\"node1\"}", "\"node\":\"node1\",}")),
                Arguments.of("trailing garbage", VALID + " x"),
                Arguments.of("two documents", VALID + VALID),
                Arguments.of("not json", "name=web1"),
                Arguments.of("array instead of object", "[" + VALID + "]"),
                Arguments.of("empty array", "[]"),
                Arguments.of("string instead of object", "\"web1\""),
                Arguments.of("number instead of object", "42"),
                Arguments.of("null body", "null"),
                Arguments.of("whitespace body", "   "),
                Arguments.of("unknown field", VALID.replace("\"ha\":true", "\"ha\":true,\"cpus\":2")),
                Arguments.of("unknown nested field", VALID.replace("\"kernel\":", "\"firmware\":\"x\",\"kernel\":")),
                Arguments.of("unknown nic field", VALID.replace("{\"network\":\"dmz\"}", "{\"network\":\"dmz\",\"vlan\":5}")),
                Arguments.of("duplicate field", VALID.replace("\"vcpus\":2", "\"vcpus\":2,\"vcpus\":3")),
                Arguments.of("vcpus fraction", VALID.replace("\"vcpus\":2", "\"vcpus\":1.5")),
                Arguments.of("vcpus 2.0", VALID.replace("\"vcpus\":2", "\"vcpus\":2.0")),
                Arguments.of("vcpus word", VALID.replace("\"vcpus\":2", "\"vcpus\":\"two\"")),
                Arguments.of("vcpus numeric string", VALID.replace("\"vcpus\":2", "\"vcpus\":\"2\"")),
                Arguments.of("vcpus null", VALID.replace("\"vcpus\":2", "\"vcpus\":null")),
                Arguments.of("vcpus missing", VALID.replace("\"vcpus\":2,", "")),
                Arguments.of("vcpus boolean", VALID.replace("\"vcpus\":2", "\"vcpus\":true")),
                Arguments.of("vcpus overflow", VALID.replace("\"vcpus\":2", "\"vcpus\":99999999999")),
                Arguments.of("vcpus object", VALID.replace("\"vcpus\":2", "\"vcpus\":{}")),
                Arguments.of("memoryMiB string", VALID.replace("\"memoryMiB\":512", "\"memoryMiB\":\"512\"")),
                Arguments.of("memoryMiB fraction", VALID.replace("\"memoryMiB\":512", "\"memoryMiB\":512.5")),
                Arguments.of("memoryMiB missing", VALID.replace("\"memoryMiB\":512,", "")),
                Arguments.of("memoryMiB null", VALID.replace("\"memoryMiB\":512", "\"memoryMiB\":null")),
                Arguments.of("ha string", VALID.replace("\"ha\":true", "\"ha\":\"true\"")),
                Arguments.of("ha number", VALID.replace("\"ha\":true", "\"ha\":1")),
                Arguments.of("ha null", VALID.replace("\"ha\":true", "\"ha\":null")),
                Arguments.of("name number", VALID.replace("\"name\":\"web1\"", "\"name\":5")),
                Arguments.of("name array", VALID.replace("\"name\":\"web1\"", "\"name\":[\"web1\"]")),
                Arguments.of("nics not an array", VALID.replace("\"nics\":[", "\"nics\":\"lan\",\"x\":[")),
                Arguments.of("nics object", VALID.replaceAll("\"nics\":\\[.*?\\],", "\"nics\":{\"network\":\"lan\"},")),
                Arguments.of("nic null", VALID.replace("{\"network\":\"dmz\"}", "null")),
                Arguments.of("nic string", VALID.replace("{\"network\":\"dmz\"}", "\"dmz\"")),
                Arguments.of("mac number", VALID.replace("\"mac\":\"02:00:00:12:34:56\"", "\"mac\":5")),
                Arguments.of("boot string", VALID.replaceAll("\"boot\":\\{.*?\\}", "\"boot\":\"vmlinuz\"")),
                Arguments.of("cloudInit number", VALID.replace("\"cloudInit\":\"#cloud-config\\n\"", "\"cloudInit\":7")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unparseable")
    void unparseableOrMistypedBodiesAre400(String what, String body) throws Exception {
        assertError(api.post("/vms", body), 400, "bad_request");
        assertEquals("[]", api.get("/vms").body(), "nothing was created");
    }

    @Test
    void missingBodyIs400() throws Exception {
        assertError(api.send("POST", "/vms", "application/json", null, true), 400, "bad_request");
        assertError(api.send("POST", "/vms", "application/json", "", true), 400, "bad_request");
    }

    @Test
    void errorMessagesNameTheField() throws Exception {
        assertTrue(message(api.post("/vms", VALID.replace("\"vcpus\":2", "\"vcpus\":1.5"))).contains("vcpus"));
        assertTrue(message(api.post("/vms", VALID.replace("\"vcpus\":2,", ""))).contains("vcpus"));
        assertTrue(message(api.post("/vms", VALID.replace("\"ha\":true", "\"ha\":true,\"cpus\":2"))).contains("cpus"));
    }

    // ---------------------------------------------------------------- refused values: 422

    static Stream<Arguments> refused() {
        List<Arguments> cases = new ArrayList<>(List.of(
                Arguments.of("vcpus 0", VALID.replace("\"vcpus\":2", "\"vcpus\":0")),
                Arguments.of("vcpus -1", VALID.replace("\"vcpus\":2", "\"vcpus\":-1")),
                Arguments.of("vcpus 257", VALID.replace("\"vcpus\":2", "\"vcpus\":257")),
                Arguments.of("memoryMiB 0", VALID.replace("\"memoryMiB\":512", "\"memoryMiB\":0")),
                Arguments.of("memoryMiB negative", VALID.replace("\"memoryMiB\":512", "\"memoryMiB\":-512")),
                Arguments.of("memoryMiB 15", VALID.replace("\"memoryMiB\":512", "\"memoryMiB\":15")),
                Arguments.of("name missing", VALID.replace("\"name\":\"web1\",", "")),
                Arguments.of("name null", VALID.replace("\"name\":\"web1\"", "\"name\":null")),
                Arguments.of("name empty", VALID.replace("\"name\":\"web1\"", "\"name\":\"\"")),
                Arguments.of("tenant uppercase", VALID.replace("\"tenant\":\"acme\"", "\"tenant\":\"Acme\"")),
                Arguments.of("boot missing", VALID.replaceAll("\"boot\":\\{.*?\\},", "")),
                Arguments.of("boot null", VALID.replaceAll("\"boot\":\\{.*?\\}", "\"boot\":null")),
                Arguments.of("kernel missing", VALID.replace("\"kernel\":\"debian/vmlinuz\",", "")),
                Arguments.of("kernel ../x", VALID.replace("debian/vmlinuz", "../x")),
                Arguments.of("kernel /etc/passwd", VALID.replace("debian/vmlinuz", "/etc/passwd")),
                Arguments.of("kernel a/../b", VALID.replace("debian/vmlinuz", "a/../../etc/shadow")),
                Arguments.of("kernel trailing slash", VALID.replace("debian/vmlinuz", "debian/")),
                Arguments.of("initrd ../x", VALID.replace("initrd.gz", "../initrd.gz")),
                Arguments.of("cmdline control char", VALID.replace("console=ttyS0", "console=ttyS0\\u0007")),
                Arguments.of("mac invalid", VALID.replace("02:00:00:12:34:56", "zz:00:00:12:34:56")),
                Arguments.of("mac short", VALID.replace("02:00:00:12:34:56", "02:00:00:12:34")),
                Arguments.of("mac dashes", VALID.replace("02:00:00:12:34:56", "02-00-00-12-34-56")),
                Arguments.of("mac multicast", VALID.replace("02:00:00:12:34:56", "01:00:5e:00:00:01")),
                Arguments.of("mac broadcast", VALID.replace("02:00:00:12:34:56", "ff:ff:ff:ff:ff:ff")),
                Arguments.of("mac zero", VALID.replace("02:00:00:12:34:56", "00:00:00:00:00:00")),
                Arguments.of("duplicate mac", VALID.replace("{\"network\":\"dmz\"}",
                        "{\"network\":\"dmz\",\"mac\":\"02:00:00:12:34:56\"}")),
                Arguments.of("nic network invalid", VALID.replace("\"network\":\"lan\"", "\"network\":\"LAN net\"")),
                Arguments.of("node invalid", VALID.replace("\"node\":\"node1\"", "\"node\":\"Node_1\""))));
        for (String name : List.of("a/b", "..", "a b", "a\\u0000b", "Web1", "web_1", "-web", "web-", "w".repeat(64),
                "caf\u00e9", "web1\\n")) {
            cases.add(Arguments.of("name " + name.replace("\u0000", "NUL"),
                    VALID.replace("\"name\":\"web1\"", "\"name\":\"" + name + "\"")));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedValuesAre422WithTheReason(String what, String body) throws Exception {
        HttpResponse<String> response = api.post("/vms", body);
        assertError(response, 422, "invalid");
        assertTrue(message(response).length() > 10, response.body());
        assertEquals("[]", api.get("/vms").body(), "nothing was created");
    }

    @Test
    void sixtyThreeCharacterNamesAreFine() throws Exception {
        String name = "w".repeat(63);
        assertEquals(201, api.post("/vms", VALID.replace("\"name\":\"web1\"", "\"name\":\"" + name + "\"")).statusCode());
        assertEquals(200, api.get("/vms/" + name).statusCode());
    }

    // ---------------------------------------------------------------- media types, auth, methods

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml", "application/x-www-form-urlencoded"})
    void wrongContentTypeIs415(String type) throws Exception {
        assertError(api.send("POST", "/vms", type, VALID, true), 415, "unsupported_media_type");
    }

    @Test
    void missingContentTypeIsNotAccepted() throws Exception {
        int status = api.send("POST", "/vms", null, VALID, true).statusCode();
        assertTrue(status == 415 || status == 400, "status " + status);
        assertError(api.send("POST", "/vms", null, VALID, true), status, null);
    }

    @Test
    void jsonWithCharsetIsAccepted() throws Exception {
        assertEquals(201, api.send("POST", "/vms", "application/json; charset=utf-8", VALID, true).statusCode());
    }

    @Test
    void everyRequestNeedsCredentials() throws Exception {
        for (String path : List.of("/vms", "/vms/web1", "/tasks", "/tasks/t-1", "/nodes", "/openapi.json", "/nothing")) {
            HttpResponse<String> response = api.send("GET", path, null, null, false);
            assertError(response, 401, "unauthorized");
            assertEquals("Basic realm=\"cairn\"", response.headers().firstValue("WWW-Authenticate").orElseThrow());
        }
        assertError(api.send("POST", "/vms", "application/json", VALID, false), 401, "unauthorized");
        assertError(api.send("DELETE", "/vms/web1", null, null, false), 401, "unauthorized");
        assertEquals("[]", api.get("/vms").body());
    }

    @Test
    void wrongPasswordIs401() throws Exception {
        HttpResponse<String> response = api.http().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(api.base + "/vms"))
                .header("Authorization", BasicAuth.header("admin", "wrong")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(response, 401, "unauthorized");
        response = api.http().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base + "/vms"))
                .header("Authorization", "Basic !!!notbase64").build(), HttpResponse.BodyHandlers.ofString());
        assertError(response, 401, "unauthorized");
    }

    @Test
    void wrongMethodIs405WithJson() throws Exception {
        assertError(api.send("PUT", "/vms", "application/json", VALID, true), 405, "method_not_allowed");
        assertError(api.send("GET", "/vms/web1/start", null, null, true), 405, "method_not_allowed");
    }

    @Test
    void unknownPathIs404WithJson() throws Exception {
        assertError(api.get("/nothing"), 404, "not_found");
    }

    // ---------------------------------------------------------------- hostile path parameters

    static Stream<String> badPathNames() {
        return Stream.of("Web1", "WEB", "a%20b", "a+b", "%2E%2E", "..", "a..b", "a%0Ab", "web_1", "-x",
                "w".repeat(64), "caf%C3%A9", "%25", "a%2Fb", "a;b", "%3Cscript%3E");
    }

    @ParameterizedTest
    @MethodSource("badPathNames")
    void pathNamesThatAreNotVmNamesAre404WithJsonNever500(String name) throws Exception {
        assertEquals(201, api.post("/vms", VALID).statusCode());
        for (HttpResponse<String> response : List.of(api.get("/vms/" + name),
                api.send("DELETE", "/vms/" + name, null, null, true),
                api.post("/vms/" + name + "/start", null))) {
            int status = response.statusCode();
            assertTrue(status == 404 || status == 422 || status == 405 || status == 400,
                    name + ": " + status + " " + response.body());
            assertError(response, status, null);
        }
        assertEquals(200, api.get("/vms/web1").statusCode(), "web1 untouched");
    }

    @Test
    void nulInThePathIsRefusedByTheHttpLayerNot500() throws Exception {
        // Jetty (here and in Pax Web) refuses %00 in a path with its own 400 before any servlet runs
        for (HttpResponse<String> response : List.of(api.get("/vms/a%00b"),
                api.send("DELETE", "/vms/a%00b", null, null, true))) {
            assertEquals(400, response.statusCode(), response.body());
        }
    }

    // ---------------------------------------------------------------- helpers

    static void assertError(HttpResponse<String> response, int status, String code) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                "JSON error body expected, got " + response.headers().map() + " " + response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals(Set.of("error", "message"), fields(body), response.body());
        if (code != null) {
            assertEquals(code, body.get("error").asText(), response.body());
        }
        assertTrue(body.get("message").isTextual() && !body.get("message").asText().isBlank(), response.body());
    }

    private static String message(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).get("message").asText();
    }

    static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
