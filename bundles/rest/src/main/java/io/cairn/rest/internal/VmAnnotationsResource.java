package io.cairn.rest.internal;

import io.cairn.api.common.NotFoundException;
import io.cairn.api.compute.VmAnnotation;
import io.cairn.api.compute.VmAnnotationService;
import io.cairn.web.RequestNames;
import io.cairn.web.Services;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import java.util.List;
import java.util.function.Supplier;

/**
 * /vms/{name}/annotations: key/value labels of a VM. Reads are linearizable; invalid keys and
 * values answer 400 with the rule, an unknown VM or annotation 404.
 */
@Path("/vms/{name}/annotations")
@Produces(MediaType.APPLICATION_JSON)
public class VmAnnotationsResource {
    /** The body of a PUT. */
    public record AnnotationValue(String value) {
    }

    private final Supplier<VmAnnotationService> annotations;

    public VmAnnotationsResource(Supplier<VmAnnotationService> annotations) {
        this.annotations = annotations;
    }

    private VmAnnotationService service() {
        return Services.require(annotations, "the VM annotation service");
    }

    @GET
    public List<VmAnnotation> list(@PathParam("name") String name) {
        return service().annotations(requireVm(name));
    }

    @GET
    @Path("/{key}")
    public VmAnnotation get(@PathParam("name") String name, @PathParam("key") String key) {
        String vm = requireVm(name);
        String k = requireKey(key);
        return service().annotation(vm, k).orElseThrow(() -> new NotFoundException(
                "VM '" + vm + "' has no annotation '" + k + "'"));
    }

    @PUT
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    public VmAnnotation put(@PathParam("name") String name, @PathParam("key") String key, AnnotationValue body) {
        String vm = requireVm(name);
        String k = requireKey(key);
        if (body == null) {
            throw ApiException.badRequest("request body is missing; {\"value\": \"...\"} is required");
        }
        try {
            VmAnnotation.requireValue(body.value());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return service().annotate(vm, k, body.value());
    }

    @DELETE
    @Path("/{key}")
    public Response delete(@PathParam("name") String name, @PathParam("key") String key) {
        String vm = requireVm(name);
        String k = requireKey(key);
        if (!service().removeAnnotation(vm, k)) {
            throw new NotFoundException("VM '" + vm + "' has no annotation '" + k + "'");
        }
        return Response.noContent().build();
    }

    private static String requireVm(String name) {
        return RequestNames.require("VM", name);
    }

    private static String requireKey(String key) {
        try {
            return VmAnnotation.requireKey(key);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
