package io.cairn.rest.internal;

import io.cairn.api.metering.License;
import io.cairn.api.metering.LicenseService;
import io.cairn.api.metering.LicenseStatus;
import io.cairn.web.Services;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import java.util.function.Supplier;

/**
 * /license: the cluster's licence and id (GET), installing a signed licence file (PUT, the file as text/plain).
 * A malformed, unsigned, tampered, expired or other-cluster file answers 422 saying which.
 */
@Path("/license")
@Produces(MediaType.APPLICATION_JSON)
public class LicenseResource {
    private final Supplier<LicenseService> licenses;

    public LicenseResource(Supplier<LicenseService> licenses) {
        this.licenses = licenses;
    }

    private LicenseService service() {
        return Services.require(licenses, "the licence service");
    }

    @GET
    public LicenseStatus status() {
        return service().status();
    }

    @PUT
    @Consumes({MediaType.TEXT_PLAIN, "application/octet-stream"})
    public License install(String file) {
        return service().install(file == null ? "" : file);
    }
}
