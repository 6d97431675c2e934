package io.cairn.rest.internal;

import io.cairn.api.compute.VmSnapshotService;
import io.cairn.web.RequestNames;
import io.cairn.web.Services;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import java.util.function.Supplier;

/**
 * /vms/{name}/clone: a new, stopped VM with new MACs whose disks are clones of a snapshot of this
 * one (taken first, as {@code clone-NEW}, when none is named). 202 with the task; the new VM exists
 * once it has succeeded.
 */
@Path("/vms/{name}/clone")
@Produces(MediaType.APPLICATION_JSON)
public class VmCloneResource {
    /** The body: the new VM's name and, optionally, the snapshot to clone. */
    public record CloneRequest(String name, String snapshot) {
    }

    private final Supplier<VmSnapshotService> snapshots;

    public VmCloneResource(Supplier<VmSnapshotService> snapshots) {
        this.snapshots = snapshots;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response clone(@PathParam("name") String name, CloneRequest body, @Context UriInfo uri) {
        if (body == null || body.name() == null) {
            throw ApiException.badRequest("request body must be {\"name\": \"<new VM>\", \"snapshot\": \"<optional>\"}");
        }
        VmSnapshotService service = Services.require(snapshots, "the VM snapshot service");
        return TaskAccepted.of(service.clone(RequestNames.require("VM", name), body.name(), body.snapshot()), uri);
    }
}
