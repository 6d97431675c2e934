package io.cairn.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.testing.BasicAuth;
import io.cairn.testing.InMemoryImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /images: an upload is 201 with the image, refusals are 4xx with the service's message and nothing recorded. */
class ImagesApiTest {
    private static final InMemoryImages IMAGES = new InMemoryImages("n1").pool("tank", "n1").pool("far", "n2");
    private static RestHarness api;

    @BeforeAll
    static void start() throws Exception {
        api = new RestHarness(new RestServer.Storage(() -> null, () -> null, () -> IMAGES, () -> IMAGES));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @BeforeEach
    void clean() {
        IMAGES.reset();
    }

    private static byte[] bootSector() {
        byte[] b = new byte[1024];
        b[510] = 0x55;
        b[511] = (byte) 0xaa;
        return b;
    }

    private static HttpResponse<String> upload(String query, byte[] body, String type) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(api.base + "/images" + query))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Authorization", BasicAuth.header());
        if (type != null) {
            r.header("Content-Type", type);
        }
        return api.http().send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUploadIs201WithTheImageAndItsUrlThenListedAndDeleted() throws Exception {
        HttpResponse<String> r = upload("?name=boot&pool=tank", bootSector(), "application/octet-stream");
        assertEquals(201, r.statusCode(), r.body());
        JsonNode image = new ObjectMapper().readTree(r.body());
        assertEquals("boot", image.path("name").asText());
        assertEquals("raw", image.path("format").asText());
        assertEquals(1024, image.path("sizeBytes").asLong());
        assertTrue(r.headers().firstValue("Location").orElse("").endsWith("/cairn/v1/images/boot"), r.headers().toString());

        assertEquals(200, api.get("/images/boot").statusCode());
        assertTrue(api.get("/images").body().contains("\"boot\""));
        assertEquals(204, api.send("DELETE", "/images/boot", null, null, true).statusCode());
        assertEquals(404, api.get("/images/boot").statusCode());
    }

    @Test
    void refusalsAre4xxWithTheServicesMessageAndNothingRecorded() throws Exception {
        HttpResponse<String> text = upload("?name=notes&pool=tank", "just text\n".getBytes(StandardCharsets.UTF_8),
                "application/octet-stream");
        assertEquals(422, text.statusCode(), text.body());
        assertTrue(text.body().contains("not a disk image"), text.body());

        HttpResponse<String> elsewhere = upload("?name=boot&pool=far", bootSector(), "application/octet-stream");
        assertEquals(409, elsewhere.statusCode(), elsewhere.body());
        assertTrue(elsewhere.body().contains("send the import to n2"), elsewhere.body());

        assertEquals(400, upload("?name=boot", bootSector(), "application/octet-stream").statusCode());
        assertEquals(422, upload("?name=a%20b&pool=tank", bootSector(), "application/octet-stream").statusCode());
        assertEquals(404, upload("?name=boot&pool=nope", bootSector(), "application/octet-stream").statusCode());
        assertEquals(415, upload("?name=boot&pool=tank", bootSector(), "application/json").statusCode());
        assertEquals(Set.of(), IMAGES.names());
    }

    @Test
    void deletingAnImageAVmUsesIs409AndBadNamesAre404() throws Exception {
        assertEquals(201, upload("?name=boot&pool=tank", bootSector(), "application/octet-stream").statusCode());
        IMAGES.use("boot", "web");
        HttpResponse<String> r = api.send("DELETE", "/images/boot", null, null, true);
        assertEquals(409, r.statusCode(), r.body());
        assertTrue(r.body().contains("web"), r.body());
        assertEquals(Set.of("boot"), IMAGES.names());
        assertEquals(404, api.get("/images/a%2Fb").statusCode());
        assertEquals(404, api.send("DELETE", "/images/nope", null, null, true).statusCode());
    }

    @Test
    void aCopyIs201WithBothPoolsAndAPoolThatHasItIs409() throws Exception {
        assertEquals(201, upload("?name=boot&pool=tank", bootSector(), "application/octet-stream").statusCode());
        HttpResponse<String> r = api.send("POST", "/images/boot/copies?pool=far", null, null, true);
        assertEquals(201, r.statusCode(), r.body());
        JsonNode image = new ObjectMapper().readTree(r.body());
        assertEquals("tank", image.path("pool").asText(), "pool stays in the JSON: the pool it was imported into");
        assertEquals("[\"far\",\"tank\"]", image.path("pools").toString());
        assertTrue(r.headers().firstValue("Location").orElse("").endsWith("/cairn/v1/images/boot"), r.headers().toString());

        HttpResponse<String> again = api.send("POST", "/images/boot/copies?pool=far", null, null, true);
        assertEquals(409, again.statusCode(), again.body());
        assertTrue(again.body().contains("is on pool far already"), again.body());
        assertEquals(404, api.send("POST", "/images/boot/copies?pool=nope", null, null, true).statusCode());
        assertEquals(404, api.send("POST", "/images/nope/copies?pool=far", null, null, true).statusCode());
        assertEquals(400, api.send("POST", "/images/boot/copies", null, null, true).statusCode());
    }
}
