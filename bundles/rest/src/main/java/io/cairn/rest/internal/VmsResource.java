package io.cairn.rest.internal;

import io.cairn.api.compute.VmAdminService;
import io.cairn.api.compute.VmDetails;
import io.cairn.api.compute.VmPage;
import io.cairn.api.compute.VmQuery;
import io.cairn.api.compute.VmState;
import io.cairn.api.compute.VmService;
import io.cairn.api.compute.VmSpec;
import io.cairn.api.task.Task;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * /vms: the cluster's VMs. Thin: reads go to {@link VmService}, changes to {@link VmAdminService};
 * power changes and deletion answer 202 with the task that carries them out.
 */
@Path("/vms")
@Produces(MediaType.APPLICATION_JSON)
public class VmsResource {
    private static final int DEFAULT_PAGE = 100;
    private final Supplier<VmService> vms;
    private final Supplier<VmAdminService> admin;

    public VmsResource(Supplier<VmService> vms, Supplier<VmAdminService> admin) {
        this.vms = vms;
        this.admin = admin;
    }

    private VmService vms() {
        return Services.require(vms, "the VM service");
    }

    private VmAdminService admin() {
        return Services.require(admin, "the VM admin service");
    }

    /**
     * Without parameters: every VM (as before pages existed). With any of them: one page in name
     * order; when more follow, the next page's cursor is in {@code X-Next-Cursor} and a
     * {@code Link: <…>; rel="next"} header.
     */
    @GET
    public Response list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                         @QueryParam("node") String node, @QueryParam("state") String state,
                         @QueryParam("tenant") String tenant, @Context UriInfo uri) {
        if (limit == null && cursor == null && node == null && state == null && tenant == null) {
            return Response.ok(vms().vms()).build();
        }
        VmQuery query = new VmQuery(node, parseState(state), tenant, parseLimit(limit), cursor);
        VmPage page = vms().vms(query);
        Response.ResponseBuilder ok = Response.ok(page.items());
        if (page.nextCursor() != null) {
            ok.header("X-Next-Cursor", page.nextCursor())
                    .link(uri.getRequestUriBuilder().replaceQueryParam("cursor", page.nextCursor()).build(), "next");
        }
        return ok.build();
    }

    private static int parseLimit(String limit) {
        if (limit == null) {
            return DEFAULT_PAGE;
        }
        try {
            return Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit must be a whole number between 1 and " + VmQuery.MAX_LIMIT
                    + ", was '" + limit + "'");
        }
    }

    private static VmState parseState(String state) {
        if (state == null) {
            return null;
        }
        try {
            return VmState.valueOf(state.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("state must be one of " + Arrays.stream(VmState.values())
                    .map(v -> v.name().toLowerCase(Locale.ROOT)).toList() + ", was '" + state + "'");
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(VmSpec spec, @Context UriInfo uri) {
        if (spec == null) {
            throw ApiException.badRequest("request body is missing; a VmSpec JSON object is required");
        }
        VmDetails created = admin().create(spec);
        return Response.created(uri.getAbsolutePathBuilder().path(created.vm().name()).build())
                .entity(created).build();
    }

    @GET
    @Path("/{name}")
    public VmDetails get(@PathParam("name") String name) {
        return vms().vm(requireName(name)).orElseThrow(() -> RequestNames.notFound("VM", name));
    }

    @DELETE
    @Path("/{name}")
    public Response delete(@PathParam("name") String name, @QueryParam("keepDisks") String keepDisks,
                           @Context UriInfo uri) {
        boolean keep = parseBoolean("keepDisks", keepDisks);
        return accepted(n -> admin().delete(n, keep), name, uri);
    }

    private static boolean parseBoolean(String param, String value) {
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.isEmpty() || value.equalsIgnoreCase("true")) {
            return true;
        }
        throw ApiException.badRequest(param + " must be true or false, was '" + value + "'");
    }

    @POST
    @Path("/{name}/start")
    public Response start(@PathParam("name") String name, @Context UriInfo uri) {
        return accepted(n -> admin().start(n), name, uri);
    }

    @POST
    @Path("/{name}/stop")
    public Response stop(@PathParam("name") String name, @Context UriInfo uri) {
        return accepted(n -> admin().stop(n), name, uri);
    }

    @POST
    @Path("/{name}/reboot")
    public Response reboot(@PathParam("name") String name, @Context UriInfo uri) {
        return accepted(n -> admin().reboot(n), name, uri);
    }

    @POST
    @Path("/{name}/destroy")
    public Response destroy(@PathParam("name") String name, @Context UriInfo uri) {
        return accepted(n -> admin().destroy(n), name, uri);
    }

    /** 202 with the task as body and its URL in Location. */
    private static Response accepted(Function<String, Task> action, String name, UriInfo uri) {
        return TaskAccepted.of(action.apply(requireName(name)), uri);
    }

    /** A path segment that is not a VM name can name no VM: 404, before any service is asked. */
    private static String requireName(String name) {
        return RequestNames.require("VM", name);
    }
}
