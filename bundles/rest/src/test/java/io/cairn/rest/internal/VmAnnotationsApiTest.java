package io.cairn.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /vms/{name}/annotations over HTTP against the real CXF stack. */
class VmAnnotationsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
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
        assertEquals(201, api.post("/vms", RestApiTest.VALID).statusCode());
    }

    private static HttpResponse<String> put(String path, String body) throws Exception {
        return api.send("PUT", path, "application/json", body, true);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, String error, String inMessage)
            throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = json(response);
        assertEquals(error, body.get("error").asText(), response.body());
        assertTrue(body.get("message").asText().contains(inMessage), response.body());
    }

    @Test
    void putGetListAndDelete() throws Exception {
        HttpResponse<String> first = put("/vms/web1/annotations/owner", "{\"value\":\"team-a\"}");
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("owner", json(first).get("key").asText());
        assertEquals("team-a", json(first).get("value").asText());
        long v1 = json(first).get("version").asLong();
        HttpResponse<String> second = put("/vms/web1/annotations/owner", "{\"value\":\"team-b ✓\"}");
        assertTrue(json(second).get("version").asLong() > v1);

        HttpResponse<String> got = api.get("/vms/web1/annotations/owner");
        assertEquals(200, got.statusCode());
        assertEquals("team-b ✓", json(got).get("value").asText());
        assertEquals(json(second).get("version").asLong(), json(got).get("version").asLong());

        put("/vms/web1/annotations/cost", "{\"value\":\"\"}");
        JsonNode all = json(api.get("/vms/web1/annotations"));
        assertEquals(2, all.size());
        assertEquals("cost", all.get(0).get("key").asText());
        assertEquals("", all.get(0).get("value").asText());

        assertEquals(204, api.send("DELETE", "/vms/web1/annotations/owner", null, null, true).statusCode());
        assertError(api.get("/vms/web1/annotations/owner"), 404, "not_found", "has no annotation 'owner'");
        assertError(api.send("DELETE", "/vms/web1/annotations/owner", null, null, true), 404, "not_found",
                "has no annotation");
    }

    @Test
    void anUnknownVmIs404() throws Exception {
        assertError(put("/vms/nosuch/annotations/k", "{\"value\":\"v\"}"), 404, "not_found", "no VM named 'nosuch'");
        assertError(api.get("/vms/nosuch/annotations"), 404, "not_found", "no VM named 'nosuch'");
        assertError(api.get("/vms/nosuch/annotations/k"), 404, "not_found", "no VM named 'nosuch'");
        assertError(api.get("/vms/NOT_A_NAME/annotations"), 404, "not_found", "DNS labels");
    }

    @Test
    void badKeysAndValuesAre400WithTheRule() throws Exception {
        assertError(put("/vms/web1/annotations/Bad_Key", "{\"value\":\"v\"}"), 400, "bad_request",
                "annotation key must be a DNS label");
        assertError(put("/vms/web1/annotations/" + "a".repeat(64), "{\"value\":\"v\"}"), 400, "bad_request",
                "1-63 characters");
        assertError(api.get("/vms/web1/annotations/-x"), 400, "bad_request", "annotation key must be a DNS label");
        assertEquals(200, put("/vms/web1/annotations/k", "{\"value\":\"" + "x".repeat(1024) + "\"}").statusCode());
        assertError(put("/vms/web1/annotations/k", "{\"value\":\"" + "x".repeat(1025) + "\"}"), 400, "bad_request",
                "at most 1024 characters, was 1025");
        assertError(put("/vms/web1/annotations/k", "{\"value\":\"a\\nb\"}"), 400, "bad_request", "control characters");
        assertError(put("/vms/web1/annotations/k", "{\"value\":\"\\ud800\"}"), 400, "bad_request", "unpaired surrogate");
        assertError(put("/vms/web1/annotations/k", "{}"), 400, "bad_request", "value is required");
        assertError(put("/vms/web1/annotations/k", "{\"value\":\"v\",\"extra\":1}"), 400, "bad_request", "");
        assertError(put("/vms/web1/annotations/k", "not json"), 400, "bad_request", "");
        assertEquals("x".repeat(1024), json(api.get("/vms/web1/annotations/k")).get("value").asText());
    }

    @Test
    void deletingTheVmDeletesItsAnnotations() throws Exception {
        put("/vms/web1/annotations/k", "{\"value\":\"v\"}");
        assertEquals(202, api.send("DELETE", "/vms/web1", null, null, true).statusCode());
        assertEquals(201, api.post("/vms", RestApiTest.VALID).statusCode());
        assertEquals(0, json(api.get("/vms/web1/annotations")).size());
    }

    @Test
    void unavailableOrMissingServiceIs503() throws Exception {
        api.services.unavailable(true);
        assertError(api.get("/vms/web1/annotations/k"), 503, "unavailable", "");
        assertError(put("/vms/web1/annotations/k", "{\"value\":\"v\"}"), 503, "unavailable", "");
        api.services.unavailable(false);
        api.services.present(false);
        assertError(api.get("/vms/web1/annotations"), 503, "unavailable", "annotation service");
    }
}
