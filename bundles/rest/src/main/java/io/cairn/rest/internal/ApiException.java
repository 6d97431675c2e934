package io.cairn.rest.internal;

import io.cairn.web.ApiFailure;

import javax.ws.rs.WebApplicationException;

/** An error answer with its HTTP status and JSON body, for failures REST alone sees (the request's JSON). */
public class ApiException extends WebApplicationException {
    private static final long serialVersionUID = 1L;

    public ApiException(ApiFailure failure) {
        super(failure.message(), ErrorMapper.error(failure));
    }

    public static ApiException badRequest(String message) {
        return new ApiException(ApiFailure.ofStatus(400, message));
    }

    public static ApiException invalid(String message) {
        return new ApiException(ApiFailure.ofStatus(422, message));
    }
}
