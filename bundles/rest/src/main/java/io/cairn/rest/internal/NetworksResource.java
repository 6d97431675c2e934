package io.cairn.rest.internal;

import io.cairn.api.network.NetworkAdminService;
import io.cairn.api.network.NetworkDetails;
import io.cairn.api.network.NetworkService;
import io.cairn.api.network.NetworkSpec;
import io.cairn.web.RequestNames;
import io.cairn.web.Services;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import java.util.List;
import java.util.function.Supplier;

/** {@code /networks}: virtual networks (GENEVE, VLAN, QinQ, isolated). One service call per method. */
@Path("/networks")
@Produces(MediaType.APPLICATION_JSON)
public class NetworksResource {
    private final Supplier<NetworkService> networks;
    private final Supplier<NetworkAdminService> admin;

    public NetworksResource(Supplier<NetworkService> networks, Supplier<NetworkAdminService> admin) {
        this.networks = networks;
        this.admin = admin;
    }

    @GET
    public List<NetworkDetails> list() {
        return Services.require(networks, "the network service").list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NetworkSpec spec, @Context UriInfo uri) {
        if (spec == null) {
            throw ApiException.badRequest("request body is missing; a NetworkSpec JSON object is required");
        }
        NetworkDetails created = Services.require(admin, "the network admin service").create(spec);
        return Response.created(uri.getAbsolutePathBuilder().path(created.network().name()).build())
                .entity(created).build();
    }

    @GET
    @Path("/{name}")
    public NetworkDetails get(@PathParam("name") String name) {
        return Services.require(networks, "the network service").get(RequestNames.require("network", name));
    }

    @DELETE
    @Path("/{name}")
    public Response delete(@PathParam("name") String name) {
        Services.require(admin, "the network admin service").delete(RequestNames.require("network", name));
        return Response.noContent().build();
    }
}
