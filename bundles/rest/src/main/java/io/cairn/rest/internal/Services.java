package io.cairn.rest.internal;

import io.cairn.api.common.UnavailableException;

import java.util.function.Supplier;

/** Looks up an optional, dynamic api service at call time; absent means 503, not a dead endpoint. */
final class Services {
    private Services() {
    }

    static <T> T require(Supplier<T> service, String what) {
        T value = service.get();
        if (value == null) {
            throw new UnavailableException(what + " is not available on this node yet");
        }
        return value;
    }
}
