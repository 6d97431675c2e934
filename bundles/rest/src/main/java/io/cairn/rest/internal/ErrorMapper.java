package io.cairn.rest.internal;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.common.UnavailableException;
import io.cairn.api.common.UnsatisfiableException;
import io.cairn.api.security.CertificateRequestException;
import io.cairn.api.security.JoinTokenRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import javax.ws.rs.ext.Provider;

/** Turns every failure into a status and an {@link ApiError} body. */
@Provider
public class ErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof WebApplicationException wae) {
            Response response = wae.getResponse();
            if (response.hasEntity()) {
                return response;
            }
            int status = response.getStatus();
            return error(status, codeFor(status), message(e, status));
        }
        if (e instanceof NotFoundException) {
            return error(404, "not_found", message(e, 404));
        }
        if (e instanceof ConflictException) {
            return error(409, "conflict", message(e, 409));
        }
        if (e instanceof JoinTokenRejectedException) {
            return Response.fromResponse(error(401, "unauthorized", message(e, 401)))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"cairn\"").build();
        }
        if (e instanceof CertificateRequestException) {
            return error(400, "bad_request", message(e, 400));
        }
        if (e instanceof UnsatisfiableException || e instanceof IllegalArgumentException) {
            return error(422, "invalid", message(e, 422));
        }
        if (e instanceof UnavailableException) {
            return error(503, "unavailable", message(e, 503));
        }
        LOG.error("Unexpected error answering a REST request", e);
        return error(500, "internal", e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private static String message(Throwable e, int status) {
        return e.getMessage() == null || e.getMessage().isBlank() ? reason(status) : e.getMessage();
    }

    static Response error(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(code, message)).build();
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 409 -> "conflict";
            case 415 -> "unsupported_media_type";
            case 422 -> "invalid";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal" : "error";
        };
    }

    private static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "HTTP " + status : known.getReasonPhrase();
    }
}
