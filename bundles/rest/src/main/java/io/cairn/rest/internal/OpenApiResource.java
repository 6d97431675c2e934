package io.cairn.rest.internal;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * /openapi.json: the hand-maintained OpenAPI 3.0 description of this API, served by every node.
 * OpenApiDocumentTest keeps it in step with the resource classes.
 */
@Path("/openapi.json")
public class OpenApiResource {
    public static final String RESOURCE = "/openapi/openapi.json";

    private final byte[] document;

    public OpenApiResource() {
        this.document = load();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] get() {
        return document;
    }

    static byte[] load() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE + " in the REST bundle");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
