package io.cairn.api.network;

import java.util.Objects;

/**
 * A network with what its backend shows.
 *
 * @param network the record
 * @param status  the backend's view
 */
public record NetworkDetails(Network network, NetworkStatus status) {
    public NetworkDetails {
        Objects.requireNonNull(network, "network must not be null");
        Objects.requireNonNull(status, "status must not be null");
    }
}
