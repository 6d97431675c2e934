package io.cairn.core.internal.storage;

import java.util.Objects;

/** A change in the image keyspace: an image recorded or removed, or a request to its pool's owner changed. */
record ImageStoreEvent(Kind kind, String name) {
    enum Kind { RECORDED, REMOVED, REQUEST_CHANGED }

    ImageStoreEvent {
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(name, "name must not be null");
    }
}
