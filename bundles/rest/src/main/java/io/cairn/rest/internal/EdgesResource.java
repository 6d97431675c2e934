package io.cairn.rest.internal;

import io.cairn.api.network.Edge;
import io.cairn.api.network.EdgeAdminService;
import io.cairn.api.network.EdgeService;
import io.cairn.api.network.EdgeSpec;
import io.cairn.api.network.PortForward;
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

/** {@code /edges}: EDGE routers of routed networks, named by their network. One service call per method. */
@Path("/edges")
@Produces(MediaType.APPLICATION_JSON)
public class EdgesResource {
    private final Supplier<EdgeService> edges;
    private final Supplier<EdgeAdminService> admin;

    public EdgesResource(Supplier<EdgeService> edges, Supplier<EdgeAdminService> admin) {
        this.edges = edges;
        this.admin = admin;
    }

    private EdgeAdminService admin() {
        return Services.require(admin, "the EDGE admin service");
    }

    @GET
    public List<Edge> list() {
        return Services.require(edges, "the EDGE service").edges();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(EdgeSpec spec, @Context UriInfo uri) {
        if (spec == null) {
            throw ApiException.badRequest("request body is missing; an EdgeSpec JSON object is required");
        }
        Edge created = admin().create(spec);
        return Response.created(uri.getAbsolutePathBuilder().path(created.spec().network()).build()).entity(created).build();
    }

    @GET
    @Path("/{network}")
    public Edge get(@PathParam("network") String network) {
        return Services.require(edges, "the EDGE service").edge(RequestNames.require("network", network));
    }

    @DELETE
    @Path("/{network}")
    public Response delete(@PathParam("network") String network) {
        admin().delete(RequestNames.require("network", network));
        return Response.noContent().build();
    }

    @POST
    @Path("/{network}/forwards")
    @Consumes(MediaType.APPLICATION_JSON)
    public Edge addForward(@PathParam("network") String network, PortForward forward) {
        if (forward == null) {
            throw ApiException.badRequest("request body is missing; a PortForward JSON object is required");
        }
        return admin().addForward(RequestNames.require("network", network), forward);
    }

    @DELETE
    @Path("/{network}/forwards/{protocol}/{port}")
    public Edge removeForward(@PathParam("network") String network, @PathParam("protocol") String protocol,
                              @PathParam("port") int port) {
        return admin().removeForward(RequestNames.require("network", network), protocol, port);
    }
}
