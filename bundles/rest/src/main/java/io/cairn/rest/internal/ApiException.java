package io.cairn.rest.internal;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** An error answer with its HTTP status and JSON body. */
public class ApiException extends WebApplicationException {
    private static final long serialVersionUID = 1L;

    public ApiException(int status, String error, String message) {
        super(message, Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(error, message)).build());
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    public static ApiException invalid(String message) {
        return new ApiException(422, "invalid", message);
    }
}
