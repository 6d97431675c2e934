package io.cairn.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.testing.InMemoryServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /cluster/certificates: a join token instead of Basic auth, and the statuses of the CA's refusals. */
class ClusterCertificatesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CSR = "{\"csr\":\"-----BEGIN CERTIFICATE REQUEST-----\\nTUlJ\\n-----END CERTIFICATE REQUEST-----\\n\"}";
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
    void reset() {
        api.services.reset();
    }

    private HttpResponse<String> post(String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.base + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return api.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aValidJoinTokenGetsTheCertificateWithoutTheAdminCredential() throws Exception {
        HttpResponse<String> r = post("/cluster/certificates", "Bearer " + InMemoryServices.TOKEN, CSR);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("node2", body.get("node").asText());
        assertEquals(InMemoryServices.CHAIN, body.get("certificateChain").asText());
        assertEquals(InMemoryServices.CA, body.get("caCertificate").asText());
        assertEquals(InMemoryServices.TOKEN, api.services.lastToken());
    }

    @Test
    void noTokenOrTheAdminCredentialIsA401WithAMessage() throws Exception {
        for (String auth : new String[] {null, io.cairn.testing.BasicAuth.header(InMemoryServices.USER, InMemoryServices.PASSWORD)}) {
            HttpResponse<String> r = post("/cluster/certificates", auth, CSR);
            assertEquals(401, r.statusCode(), r.body());
            assertTrue(JSON.readTree(r.body()).get("message").asText().contains("join token is required"), r.body());
            assertEquals("Bearer realm=\"cairn\"", r.headers().firstValue("WWW-Authenticate").orElseThrow());
        }
        assertNull(api.services.lastToken(), "the CA was not asked");
    }

    @Test
    void aBadTokenIsA401WithTheCasReason() throws Exception {
        HttpResponse<String> r = post("/cluster/certificates", "Bearer abcdef.0000000000000000", CSR);
        assertEquals(401, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("unauthorized", body.get("error").asText());
        assertEquals("unknown join token", body.get("message").asText());
    }

    @Test
    void aMalformedRequestIsA400() throws Exception {
        HttpResponse<String> r = post("/cluster/certificates", "Bearer " + InMemoryServices.TOKEN, "{\"csr\":\"junk\"}");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("CERTIFICATE REQUEST"), r.body());
        assertEquals(400, post("/cluster/certificates", "Bearer " + InMemoryServices.TOKEN, "{\"pem\":1}").statusCode());
        assertEquals(400, post("/cluster/certificates", "Bearer " + InMemoryServices.TOKEN, "{}").statusCode());
    }

    @Test
    void aNameThatIsNotAMemberIsA409() throws Exception {
        HttpResponse<String> r = post("/cluster/certificates", "Bearer " + InMemoryServices.TOKEN,
                "{\"csr\":\"-----BEGIN CERTIFICATE REQUEST-----intruder\"}");
        assertEquals(409, r.statusCode(), r.body());
        assertEquals("conflict", JSON.readTree(r.body()).get("error").asText());
    }

    @Test
    void aNodeWithoutTheCaAnswers503() throws Exception {
        api.services.caPresent(false);
        HttpResponse<String> r = post("/cluster/certificates", "Bearer " + InMemoryServices.TOKEN, CSR);
        assertEquals(503, r.statusCode(), r.body());
        assertTrue(r.body().contains("first configured member"), r.body());
    }

    @Test
    void theExemptionFromBasicAuthIsExactlyThisPost() throws Exception {
        String bearer = "Bearer " + InMemoryServices.TOKEN;
        for (String path : new String[] {"/cluster/certificates/", "/cluster/certificates/x", "/cluster/state/voters/n2",
                "/vms", "/cluster/certificates;x=1", "/cluster/./certificates/../state/voters/n2"}) {
            HttpResponse<String> r = post(path, bearer, CSR);
            assertEquals(401, r.statusCode(), path + ": " + r.body());
            assertEquals("Basic realm=\"cairn\"", r.headers().firstValue("WWW-Authenticate").orElseThrow(), path);
        }
        HttpResponse<String> get = api.http().send(HttpRequest.newBuilder(URI.create(api.base + "/cluster/certificates"))
                .header("Authorization", bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, get.statusCode());
        assertEquals("Basic realm=\"cairn\"", get.headers().firstValue("WWW-Authenticate").orElseThrow());
    }
}
