package io.cairn.rest.internal;

import io.cairn.api.common.NotFoundException;
import io.cairn.api.compute.VmSnapshot;
import io.cairn.api.compute.VmSnapshotService;
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

/**
 * /vms/{name}/snapshots: snapshots of a VM's disks with its spec. Taking, deleting and rolling back
 * answer 202 with the task the owner of the VM's pool carries out; what cannot succeed is refused
 * at once (409 a taken name, a running VM's rollback, a snapshot clones depend on; 422 a bad name
 * or a VM without disks; 404 an unknown VM or snapshot).
 */
@Path("/vms/{name}/snapshots")
@Produces(MediaType.APPLICATION_JSON)
public class VmSnapshotsResource {
    /** The body of a POST. */
    public record SnapshotName(String name) {
    }

    private final Supplier<VmSnapshotService> snapshots;

    public VmSnapshotsResource(Supplier<VmSnapshotService> snapshots) {
        this.snapshots = snapshots;
    }

    private VmSnapshotService service() {
        return Services.require(snapshots, "the VM snapshot service");
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response take(@PathParam("name") String name, SnapshotName body, @Context UriInfo uri) {
        if (body == null || body.name() == null) {
            throw ApiException.badRequest("request body must be {\"name\": \"<snapshot name>\"}");
        }
        return TaskAccepted.of(service().take(requireVm(name), body.name()), uri);
    }

    @GET
    public List<VmSnapshot> list(@PathParam("name") String name) {
        return service().snapshots(requireVm(name));
    }

    @GET
    @Path("/{snapshot}")
    public VmSnapshot get(@PathParam("name") String name, @PathParam("snapshot") String snapshot) {
        String vm = requireVm(name);
        return service().find(vm, snapshot).orElseThrow(() -> new NotFoundException("VM '" + vm
                + "' has no snapshot named '" + snapshot + "'"));
    }

    @DELETE
    @Path("/{snapshot}")
    public Response delete(@PathParam("name") String name, @PathParam("snapshot") String snapshot,
                           @Context UriInfo uri) {
        return TaskAccepted.of(service().deleteSnapshot(requireVm(name), snapshot), uri);
    }

    @POST
    @Path("/{snapshot}/rollback")
    public Response rollback(@PathParam("name") String name, @PathParam("snapshot") String snapshot,
                             @Context UriInfo uri) {
        return TaskAccepted.of(service().rollback(requireVm(name), snapshot), uri);
    }

    private static String requireVm(String name) {
        return RequestNames.require("VM", name);
    }
}
