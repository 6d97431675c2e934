package io.cairn.web;

import io.cairn.api.common.UnavailableException;

import java.util.function.Supplier;

/**
 * Optional, dynamic api services looked up at call time (a volatile DS reference behind a supplier): while one
 * is missing or being replaced, a call answers "unavailable" (REST 503, SOAP fault {@code unavailable}) instead
 * of the endpoint going away.
 */
public final class Services {
    private Services() {
    }

    /**
     * @param service the current service, or null while there is none
     * @param what    what it is, for the message ("the VM service")
     * @return the service, or throws {@link UnavailableException} naming it
     */
    public static <T> T require(Supplier<T> service, String what) {
        T value = service.get();
        if (value == null) {
            throw new UnavailableException(what + " is not available on this node yet");
        }
        return value;
    }
}
