package io.cairn.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /vms/{name}/snapshots, /vms/{name}/clone and DELETE /vms/{name}?keepDisks over HTTP against the real CXF stack. */
class VmSnapshotsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String WITH_DISK = "{\"name\":\"db\",\"vcpus\":1,\"memoryMiB\":128,"
            + "\"nics\":[{\"network\":\"lan\",\"mac\":\"52:54:00:aa:bb:01\"}],"
            + "\"boot\":{\"kernel\":\"vmlinuz\"},\"disks\":[{\"name\":\"data\",\"pool\":\"tank\",\"sizeMiB\":64}]}";
    private static RestHarness api;

    @BeforeAll
    static void start() throws Exception {
        api = new RestHarness();
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @BeforeEach
    void reset() throws Exception {
        api.services.reset();
        api.snapshots.reset();
        assertEquals(201, api.post("/vms", WITH_DISK).statusCode());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> r, int status, String inMessage) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(json(r).path("message").asText().contains(inMessage), r.body());
    }

    @Test
    void aSnapshotIsTakenListedAndShownWithTheSpecAndItsNicsMacs() throws Exception {
        HttpResponse<String> taken = api.post("/vms/db/snapshots", "{\"name\":\"s1\"}");
        assertEquals(202, taken.statusCode(), taken.body());
        assertTrue(taken.headers().firstValue("Location").orElseThrow().contains("/v1/tasks/"), taken.headers().map()
                .toString());
        assertEquals("snapshot.snapshot", json(taken).path("kind").asText());
        JsonNode list = json(api.get("/vms/db/snapshots"));
        assertEquals(1, list.size(), list.toString());
        JsonNode one = json(api.get("/vms/db/snapshots/s1"));
        assertEquals("s1", one.path("name").asText());
        assertEquals("52:54:00:aa:bb:01", one.at("/spec/nics/0/mac").asText(), one.toString());
        assertEquals("data", one.at("/spec/disks/0/name").asText());
    }

    @Test
    void badAndTakenNamesUnknownVmsAndSnapshotsAreRefused() throws Exception {
        assertEquals(202, api.post("/vms/db/snapshots", "{\"name\":\"s1\"}").statusCode());
        assertError(api.post("/vms/db/snapshots", "{\"name\":\"s1\"}"), 409, "already has a snapshot named 's1'");
        assertError(api.post("/vms/db/snapshots", "{\"name\":\"a b\"}"), 422, "no '@', '/' or space");
        assertError(api.post("/vms/db/snapshots", "{}"), 400, "request body must be");
        assertError(api.post("/vms/nope/snapshots", "{\"name\":\"s2\"}"), 404, "no VM named 'nope'");
        assertEquals(404, api.get("/vms/db/snapshots/nope").statusCode());
        assertEquals(404, api.send("DELETE", "/vms/db/snapshots/nope", null, null, true).statusCode());
        assertEquals(201, api.post("/vms", RestApiTest.VALID).statusCode());
        assertError(api.post("/vms/web1/snapshots", "{\"name\":\"s1\"}"), 422, "has no disks");
        assertEquals(1, json(api.get("/vms/db/snapshots")).size(), "nothing changed");
    }

    @Test
    void aRollbackOfARunningVmIsAConflictAndOfAStoppedOneIsAccepted() throws Exception {
        assertEquals(202, api.post("/vms/db/snapshots", "{\"name\":\"s1\"}").statusCode());
        assertEquals(202, api.post("/vms/db/start", "").statusCode());
        assertError(api.post("/vms/db/snapshots/s1/rollback", ""), 409, "stop it");
        assertEquals(202, api.post("/vms/db/stop", "").statusCode());
        HttpResponse<String> rolled = api.post("/vms/db/snapshots/s1/rollback", "");
        assertEquals(202, rolled.statusCode(), rolled.body());
        assertEquals("snapshot.rollback", json(rolled).path("kind").asText());
    }

    @Test
    void aCloneHasNewMacsAndItsSnapshotCannotBeDeletedWhileItExists() throws Exception {
        assertEquals(202, api.post("/vms/db/snapshots", "{\"name\":\"s1\"}").statusCode());
        HttpResponse<String> cloned = api.post("/vms/db/clone", "{\"name\":\"db2\",\"snapshot\":\"s1\"}");
        assertEquals(202, cloned.statusCode(), cloned.body());
        JsonNode clone = json(api.get("/vms/db2"));
        assertNotEquals("52:54:00:aa:bb:01", clone.at("/vm/spec/nics/0/mac").asText(), clone.toString());
        assertEquals("data", clone.at("/vm/spec/disks/0/name").asText());
        assertError(api.send("DELETE", "/vms/db/snapshots/s1", null, null, true), 409, "clones depend on it");
        assertError(api.post("/vms/db/clone", "{\"name\":\"db2\"}"), 409, "already exists");
        assertError(api.post("/vms/db/clone", "{\"name\":\"Bad_Name\"}"), 422, "name of the clone");
        assertError(api.post("/vms/db/clone", "{\"name\":\"db3\",\"snapshot\":\"nope\"}"), 404, "no snapshot named");
        assertEquals(202, api.post("/vms/db/clone", "{\"name\":\"db3\"}").statusCode());
        assertTrue(api.get("/vms/db/snapshots/clone-db3").statusCode() == 200, "taken for the clone");
    }

    @Test
    void aVmIsDeletedWithItsDisksOrKeepingThem() throws Exception {
        assertEquals(202, api.send("DELETE", "/vms/db?keepDisks=true", null, null, true).statusCode());
        assertEquals(201, api.post("/vms", WITH_DISK).statusCode());
        assertEquals(202, api.send("DELETE", "/vms/db", null, null, true).statusCode());
        assertEquals(List.of("db"), api.services.keptDisks());
        assertEquals(201, api.post("/vms", WITH_DISK).statusCode());
        assertError(api.send("DELETE", "/vms/db?keepDisks=maybe", null, null, true), 400, "keepDisks must be true or false");
    }
}
