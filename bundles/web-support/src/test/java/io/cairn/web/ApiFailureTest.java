package io.cairn.web;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.common.UnavailableException;
import io.cairn.api.common.UnsatisfiableException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiFailureTest {
    @Test
    void apiExceptionsMapToTheirStatusAndCode() {
        assertEquals(new ApiFailure(404, "not_found", "no VM named 'a'"), ApiFailure.of(new NotFoundException("no VM named 'a'")));
        assertEquals(new ApiFailure(409, "conflict", "exists"), ApiFailure.of(new ConflictException("exists")));
        assertEquals(new ApiFailure(422, "invalid", "no node has 9 MiB"),
                ApiFailure.of(new UnsatisfiableException("no node has 9 MiB")));
        assertEquals(new ApiFailure(422, "invalid", "vcpus is required"),
                ApiFailure.of(new IllegalArgumentException("vcpus is required")));
        assertEquals(new ApiFailure(503, "unavailable", "no quorum"), ApiFailure.of(new UnavailableException("no quorum")));
        assertFalse(ApiFailure.of(new UnavailableException("no quorum")).internal());
    }

    @Test
    void anythingElseIsInternalAndNamesTheFailure() {
        ApiFailure failure = ApiFailure.of(new IllegalStateException("broken"));
        assertEquals(new ApiFailure(500, "internal", "IllegalStateException: broken"), failure);
        assertTrue(failure.internal());
        assertEquals("NullPointerException", ApiFailure.of(new NullPointerException()).message());
    }

    @Test
    void aBlankMessageBecomesTheReasonPhrase() {
        assertEquals(new ApiFailure(404, "not_found", "Not Found"), ApiFailure.of(new NotFoundException(" ")));
        assertEquals(new ApiFailure(415, "unsupported_media_type", "Unsupported Media Type"), ApiFailure.ofStatus(415, null));
        assertEquals(new ApiFailure(418, "error", "HTTP 418"), ApiFailure.ofStatus(418, ""));
        assertEquals(new ApiFailure(502, "internal", "HTTP 502"), ApiFailure.ofStatus(502, null));
        assertEquals(new ApiFailure(401, "unauthorized", "wrong password"), ApiFailure.ofStatus(401, "wrong password"));
    }

    @Test
    void refusesWhatIsNoErrorAnswer() {
        assertThrows(IllegalArgumentException.class, () -> new ApiFailure(200, "ok", "fine"));
        assertThrows(IllegalArgumentException.class, () -> new ApiFailure(404, "Not Found", "x"));
        assertThrows(IllegalArgumentException.class, () -> new ApiFailure(404, "not_found", " "));
    }
}
