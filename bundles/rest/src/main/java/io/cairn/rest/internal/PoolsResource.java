package io.cairn.rest.internal;

import io.cairn.api.storage.NodeDisks;
import io.cairn.api.storage.PoolDetails;
import io.cairn.api.storage.PoolName;
import io.cairn.api.storage.PoolSpec;
import io.cairn.api.storage.StorageAdminService;
import io.cairn.api.storage.StorageService;
import io.cairn.web.RequestNames;
import io.cairn.web.Services;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.QueryParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import java.util.List;
import java.util.function.Supplier;

/**
 * /pools: the cluster's storage pools (one disk from every node, raidzN). Thin: reads go to
 * {@link StorageService}, creation, scrubs and deletion to {@link StorageAdminService}; the pool's owner
 * builds it after 201 (watch {@code status}), and scrubs or destroys it in a task after 202.
 */
@Path("/pools")
@Produces(MediaType.APPLICATION_JSON)
public class PoolsResource {
    private final Supplier<StorageService> storage;
    private final Supplier<StorageAdminService> admin;

    public PoolsResource(Supplier<StorageService> storage, Supplier<StorageAdminService> admin) {
        this.storage = storage;
        this.admin = admin;
    }

    private StorageService storage() {
        return Services.require(storage, "the storage service");
    }

    @GET
    public List<PoolDetails> list() {
        return storage().pools();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(PoolSpec spec, @Context UriInfo uri) {
        if (spec == null) {
            throw ApiException.badRequest("request body is missing; a PoolSpec JSON object is required "
                    + "({\"name\": …, \"redundancy\": 1-3})");
        }
        PoolDetails created = Services.require(admin, "the storage admin service").createPool(spec);
        return Response.created(uri.getAbsolutePathBuilder().path(created.pool().name()).build()).entity(created).build();
    }

    /** The disks each node offers, and which are free. */
    @GET
    @Path("/disks")
    public List<NodeDisks> disks() {
        return storage().disks();
    }

    @GET
    @Path("/{name}")
    public PoolDetails get(@PathParam("name") String name) {
        return storage().pool(requireName(name)).orElseThrow(() -> RequestNames.notFound("pool", name));
    }

    /** 202 with the task in which the pool's owner scrubs it; 409 while its owner has not imported it. */
    @POST
    @Path("/{name}/scrub")
    public Response scrub(@PathParam("name") String name, @Context UriInfo uri) {
        return TaskAccepted.of(Services.require(admin, "the storage admin service").scrub(requireName(name)), uri);
    }

    /**
     * 202 with the task in which the pool's owner destroys it; 409 while VMs have disks on it or its
     * owner has not imported it.
     */
    @DELETE
    @Path("/{name}")
    public Response delete(@PathParam("name") String name, @Context UriInfo uri) {
        return TaskAccepted.of(Services.require(admin, "the storage admin service").deletePool(requireName(name)), uri);
    }

    /**
     * 202 with the task in which the pool's owner hands the pool and the VMs on it to {@code node}; 400
     * without a node, 422 for a node that gives the pool no disk or is not up, 409 when it owns the pool
     * already or another request of the pool is pending.
     */
    @POST
    @Path("/{name}/move")
    public Response move(@PathParam("name") String name, @QueryParam("node") String node, @Context UriInfo uri) {
        if (node == null || node.isBlank()) {
            throw ApiException.badRequest("query parameter 'node' is missing: the member node to move pool '" + name
                    + "' to (POST /pools/" + name + "/move?node=NODE)");
        }
        return TaskAccepted.of(Services.require(admin, "the storage admin service").movePool(requireName(name), node),
                uri);
    }

    /** A path segment that is not a pool name can name no pool: 404, before any service is asked. */
    private static String requireName(String name) {
        try {
            return PoolName.require(name);
        } catch (IllegalArgumentException e) {
            throw RequestNames.notFound("pool", name);
        }
    }
}
