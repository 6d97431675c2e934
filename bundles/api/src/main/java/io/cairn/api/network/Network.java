package io.cairn.api.network;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A network as recorded: its spec and identity.
 *
 * @param id      unique id, new for every network even if a name is reused
 * @param spec    what was asked for
 * @param created when it was recorded
 */
public record Network(UUID id, NetworkSpec spec, Instant created) {
    public Network {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(spec, "spec must not be null");
        Objects.requireNonNull(created, "created must not be null");
    }

    public String name() {
        return spec.name();
    }
}
