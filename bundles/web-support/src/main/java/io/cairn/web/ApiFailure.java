package io.cairn.web;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.common.UnavailableException;
import io.cairn.api.common.UnsatisfiableException;
import io.cairn.api.security.CertificateRequestException;
import io.cairn.api.security.JoinTokenRejectedException;

import java.util.Map;
import java.util.Objects;

/**
 * How a failure is answered, the same way by REST (HTTP status + JSON {@code {"error": code, "message": …}})
 * and SOAP (a fault with the code and message): the api's exceptions map to
 * <ul>
 *   <li>{@link NotFoundException} → 404 {@code not_found}</li>
 *   <li>{@link ConflictException} → 409 {@code conflict}</li>
 *   <li>{@link JoinTokenRejectedException} → 401; {@link CertificateRequestException} → 400
 *   <li>{@link UnsatisfiableException}, {@link IllegalArgumentException} (a record refusing a value) → 422
 *       {@code invalid}</li>
 *   <li>{@link UnavailableException} → 503 {@code unavailable}</li>
 *   <li>anything else → 500 {@code internal}, which the caller logs: it is a bug, not an answer</li>
 * </ul>
 *
 * @param status  the HTTP status
 * @param code    a stable, lowercase code a client can branch on
 * @param message what a person can act on; never blank
 */
public record ApiFailure(int status, String code, String message) {
    private static final Map<Integer, String[]> KNOWN = Map.ofEntries(
            Map.entry(400, new String[]{"bad_request", "Bad Request"}),
            Map.entry(401, new String[]{"unauthorized", "Unauthorized"}),
            Map.entry(403, new String[]{"forbidden", "Forbidden"}),
            Map.entry(404, new String[]{"not_found", "Not Found"}),
            Map.entry(405, new String[]{"method_not_allowed", "Method Not Allowed"}),
            Map.entry(406, new String[]{"not_acceptable", "Not Acceptable"}),
            Map.entry(409, new String[]{"conflict", "Conflict"}),
            Map.entry(415, new String[]{"unsupported_media_type", "Unsupported Media Type"}),
            Map.entry(422, new String[]{"invalid", "Unprocessable Entity"}),
            Map.entry(500, new String[]{"internal", "Internal Server Error"}),
            Map.entry(503, new String[]{"unavailable", "Service Unavailable"}));

    public ApiFailure {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP error status (400-599), was " + status);
        }
        if (code == null || !code.matches("[a-z][a-z_]*")) {
            throw new IllegalArgumentException("code must be lowercase letters and '_', was " + code);
        }
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("message is required");
        }
    }

    /** The answer to {@code failure}, by the mapping above. */
    public static ApiFailure of(Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        if (failure instanceof NotFoundException) {
            return ofStatus(404, failure.getMessage());
        }
        if (failure instanceof ConflictException) {
            return ofStatus(409, failure.getMessage());
        }
        if (failure instanceof JoinTokenRejectedException) {
            return ofStatus(401, failure.getMessage());
        }
        if (failure instanceof CertificateRequestException) {
            return ofStatus(400, failure.getMessage());
        }
        if (failure instanceof UnsatisfiableException || failure instanceof IllegalArgumentException) {
            return ofStatus(422, failure.getMessage());
        }
        if (failure instanceof UnavailableException) {
            return ofStatus(503, failure.getMessage());
        }
        return ofStatus(500, failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage()));
    }

    /**
     * An answer with a given status (e.g. one CXF chose: 405, 415), its code, and {@code message} or, where that
     * is blank, the status's reason phrase.
     */
    public static ApiFailure ofStatus(int status, String message) {
        String[] known = KNOWN.get(status);
        String code = known != null ? known[0] : status >= 500 ? "internal" : "error";
        String reason = known != null ? known[1] : "HTTP " + status;
        return new ApiFailure(status, code, message == null || message.isBlank() ? reason : message);
    }

    /** True for a failure the api does not declare: a bug to log, not an answer to a bad request. */
    public boolean internal() {
        return status == 500;
    }
}
