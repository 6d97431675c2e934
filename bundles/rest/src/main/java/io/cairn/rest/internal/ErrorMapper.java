package io.cairn.rest.internal;

import io.cairn.api.security.JoinTokenRejectedException;
import io.cairn.web.ApiFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import javax.ws.rs.ext.Provider;

/** Turns every failure into a status and an {@link ApiError} body, by the mapping SOAP shares ({@link ApiFailure}). */
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
            return error(ApiFailure.ofStatus(response.getStatus(), e.getMessage()));
        }
        ApiFailure failure = ApiFailure.of(e);
        if (failure.internal()) {
            LOG.error("Unexpected error answering a REST request", e);
        }
        if (e instanceof JoinTokenRejectedException) {
            return Response.fromResponse(error(failure))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"cairn\"").build();
        }
        return error(failure);
    }

    static Response error(ApiFailure failure) {
        return Response.status(failure.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(failure.code(), failure.message())).build();
    }
}
