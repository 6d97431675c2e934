package io.cairn.rest.internal;

import io.cairn.api.storage.Image;
import io.cairn.api.storage.ImageAdminService;
import io.cairn.api.storage.ImageName;
import io.cairn.api.storage.ImageService;
import io.cairn.web.RequestNames;
import io.cairn.web.Services;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * /images: disk images on pools, the origin VM disks are cloned from. Thin: reads go to
 * {@link ImageService}, imports and deletions to {@link ImageAdminService}. An import is the file as
 * the body, sent to the pool's owner (another node answers 409 naming it); the call returns once the
 * owner has imported and recorded it. A copy to another pool may be asked of any node.
 */
@Path("/images")
@Produces(MediaType.APPLICATION_JSON)
public class ImagesResource {
    private final Supplier<ImageService> images;
    private final Supplier<ImageAdminService> admin;

    public ImagesResource(Supplier<ImageService> images, Supplier<ImageAdminService> admin) {
        this.images = images;
        this.admin = admin;
    }

    @GET
    public List<Image> list() {
        return Services.require(images, "the image service").images();
    }

    @GET
    @Path("/{name}")
    public Image get(@PathParam("name") String name) {
        return Services.require(images, "the image service").image(requireName(name))
                .orElseThrow(() -> RequestNames.notFound("image", name));
    }

    /** 201 with the image; 422 for a file that is not a raw or qcow2 disk image, 409 on a node that is not the pool's owner. */
    @POST
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    public Response importImage(@QueryParam("name") String name, @QueryParam("pool") String pool, InputStream body,
                                @Context UriInfo uri) {
        if (name == null || pool == null) {
            throw ApiException.badRequest("query parameters name and pool are required: POST /images?name=NAME&pool=POOL "
                    + "with the image file as the body (application/octet-stream)");
        }
        Image image = Services.require(admin, "the image admin service").importImage(name, pool, body);
        return Response.created(uri.getBaseUriBuilder().path("images").path(image.name()).build()).entity(image).build();
    }

    /**
     * 201 with the image and its pools once the copy is recorded; 404 for an unknown image or pool, 409 when
     * the pool holds it already or a pool's owner has not imported it, 503 when the copy failed (nothing left).
     */
    @POST
    @Path("/{name}/copies")
    public Response copy(@PathParam("name") String name, @QueryParam("pool") String pool, @Context UriInfo uri) {
        String image = requireName(name);
        if (pool == null || pool.isBlank()) {
            throw ApiException.badRequest("query parameter pool is required: POST /images/" + image + "/copies?pool=POOL");
        }
        Image copied = Services.require(admin, "the image admin service").copyImage(image, pool);
        return Response.created(uri.getBaseUriBuilder().path("images").path(copied.name()).build()).entity(copied).build();
    }

    /** 204; 409 while VM disks are cloned from it. Every pool's copy is destroyed. */
    @DELETE
    @Path("/{name}")
    public Response delete(@PathParam("name") String name) {
        Services.require(admin, "the image admin service").deleteImage(requireName(name));
        return Response.noContent().build();
    }

    /** A path segment that is not an image name can name no image: 404, before any service is asked. */
    private static String requireName(String name) {
        try {
            return ImageName.require(name);
        } catch (IllegalArgumentException e) {
            throw RequestNames.notFound("image", name);
        }
    }
}
