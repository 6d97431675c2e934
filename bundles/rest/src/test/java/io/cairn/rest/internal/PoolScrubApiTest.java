package io.cairn.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.api.common.ConflictException;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.common.UnsatisfiableException;
import io.cairn.api.storage.StorageAdminService;
import io.cairn.api.task.Task;
import io.cairn.api.task.TaskState;
import io.cairn.testing.StorageAdminStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /pools/{name}/scrub: 202 with the task and its URL, the service's refusals as 404/409, bad names 404 unasked. */
class PoolScrubApiTest {
    private static final List<String> asked = new CopyOnWriteArrayList<>();
    private static RestHarness api;

    private static final StorageAdminService ADMIN = new StorageAdminStandIn() {
        @Override
        public Task scrub(String name) {
            asked.add(name);
            return switch (name) {
                case "tank" -> new Task("7e57", "pool.scrub", "tank", "n2", TaskState.QUEUED, 0, "queued on n2", null,
                        Instant.now(), Instant.now());
                case "building" -> throw new ConflictException("pool 'building' is not imported by its owner n2 at "
                        + "epoch 9 yet (no status reported); retry once GET /pools/building shows status.imported true");
                default -> throw new NotFoundException("no pool named '" + name + "'");
            };
        }

        @Override
        public Task deletePool(String name) {
            asked.add("delete " + name);
            return switch (name) {
                case "tank" -> new Task("de1e", "pool.delete", "tank", "n2", TaskState.QUEUED, 0, "queued on n2", null,
                        Instant.now(), Instant.now());
                case "used" -> throw new ConflictException("pool 'used' cannot be deleted: 1 VM has disks on it: db; "
                        + "delete it first");
                default -> throw new NotFoundException("no pool named '" + name + "'");
            };
        }

        @Override
        public Task movePool(String name, String node) {
            asked.add("move " + name + " " + node);
            return switch (node) {
                case "n3" -> new Task("m0fe", "pool.move", name, "n2", TaskState.QUEUED, 0, "queued on n2", null,
                        Instant.now(), Instant.now());
                case "n2" -> throw new ConflictException("pool '" + name + "' is owned by n2 already");
                default -> throw new UnsatisfiableException("node '" + node + "' gives pool '" + name + "' no disk; it "
                        + "can move to one of its members: n1, n3");
            };
        }
    };

    @BeforeAll
    static void start() throws Exception {
        api = new RestHarness(new RestServer.Storage(() -> null, () -> ADMIN));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void aScrubIs202WithItsTaskAndTheTasksUrl() throws Exception {
        HttpResponse<String> r = api.post("/pools/tank/scrub", null);
        assertEquals(202, r.statusCode(), r.body());
        JsonNode task = new ObjectMapper().readTree(r.body());
        assertEquals("7e57", task.path("id").asText());
        assertEquals("pool.scrub", task.path("kind").asText());
        assertEquals("n2", task.path("node").asText());
        assertTrue(r.headers().firstValue("Location").orElse("").endsWith("/cairn/v1/tasks/7e57"), r.headers().toString());
    }

    @Test
    void anUnknownPoolIs404AndAPoolNotImportedYetIs409WithTheCause() throws Exception {
        HttpResponse<String> unknown = api.post("/pools/nope/scrub", null);
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertTrue(unknown.body().contains("no pool named 'nope'"), unknown.body());
        HttpResponse<String> building = api.post("/pools/building/scrub", null);
        assertEquals(409, building.statusCode(), building.body());
        assertTrue(building.body().contains("not imported by its owner n2"), building.body());
    }

    @Test
    void aDeleteIs202WithItsTaskAndAPoolWithVmsIs409NamingThem() throws Exception {
        HttpResponse<String> r = api.send("DELETE", "/pools/tank", null, null, true);
        assertEquals(202, r.statusCode(), r.body());
        JsonNode task = new ObjectMapper().readTree(r.body());
        assertEquals("pool.delete", task.path("kind").asText());
        assertTrue(r.headers().firstValue("Location").orElse("").endsWith("/cairn/v1/tasks/de1e"), r.headers().toString());
        HttpResponse<String> used = api.send("DELETE", "/pools/used", null, null, true);
        assertEquals(409, used.statusCode(), used.body());
        assertTrue(used.body().contains("1 VM has disks on it: db"), used.body());
        assertEquals(404, api.send("DELETE", "/pools/nope", null, null, true).statusCode());
        int before = asked.size();
        assertEquals(404, api.send("DELETE", "/pools/a%2Fb", null, null, true).statusCode());
        assertEquals(before, asked.size(), "the service was asked: " + asked);
    }

    @Test
    void aMoveIs202WithItsTaskAndBadTargetsAre4xxWithTheCause() throws Exception {
        HttpResponse<String> r = api.post("/pools/tank/move?node=n3", null);
        assertEquals(202, r.statusCode(), r.body());
        assertEquals("pool.move", new ObjectMapper().readTree(r.body()).path("kind").asText());
        assertTrue(r.headers().firstValue("Location").orElse("").endsWith("/cairn/v1/tasks/m0fe"), r.headers().toString());
        assertTrue(asked.contains("move tank n3"), asked.toString());
        HttpResponse<String> owned = api.post("/pools/tank/move?node=n2", null);
        assertEquals(409, owned.statusCode(), owned.body());
        assertTrue(owned.body().contains("owned by n2 already"), owned.body());
        HttpResponse<String> stranger = api.post("/pools/tank/move?node=n9", null);
        assertEquals(422, stranger.statusCode(), stranger.body());
        assertTrue(stranger.body().contains("gives pool 'tank' no disk"), stranger.body());
        int before = asked.size();
        HttpResponse<String> missing = api.post("/pools/tank/move", null);
        assertEquals(400, missing.statusCode(), missing.body());
        assertTrue(missing.body().contains("query parameter 'node' is missing"), missing.body());
        assertEquals(404, api.post("/pools/a%2Fb/move?node=n3", null).statusCode());
        assertEquals(before, asked.size(), "the service was asked: " + asked);
    }

    @Test
    void aSegmentThatIsNoPoolNameIs404WithoutAskingTheService() throws Exception {
        int before = asked.size();
        HttpResponse<String> r = api.post("/pools/mirror0/scrub", null);
        assertEquals(404, r.statusCode(), r.body());
        HttpResponse<String> space = api.post("/pools/a%20b/scrub", null);
        assertEquals(404, space.statusCode(), space.body());
        assertEquals(before, asked.size(), "the service was asked: " + asked);
    }
}
