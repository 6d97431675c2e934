package io.cairn.testing;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.network.Network;
import io.cairn.api.network.NetworkAdminService;
import io.cairn.api.network.NetworkDetails;
import io.cairn.api.network.NetworkService;
import io.cairn.api.network.NetworkSpec;
import io.cairn.api.network.NetworkStatus;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * In-test network services for the REST and SOAP layers, with the contract's documented failures: an
 * unknown network is {@link NotFoundException}, a name in use {@link ConflictException}; the records
 * refuse bad specs themselves. Every network is realized at once. The real manager is tested in core.
 * {@link InMemoryEdges} gives these networks EDGE routers.
 */
public final class InMemoryNetworks implements NetworkService, NetworkAdminService {
    private static final Instant CREATED = Instant.parse("2025-01-02T03:04:05Z");

    private final Map<String, NetworkDetails> networks = new TreeMap<>();
    private volatile boolean present = true;

    /** Back to no networks, present. */
    public synchronized void reset() {
        networks.clear();
        present = true;
    }

    /** false: as if the network services were not registered (yet); see {@link #whenPresent()}. */
    public void present(boolean present) {
        this.present = present;
    }

    /** These services, or null while they are not {@link #present(boolean) present}: what a dynamic DS reference holds. */
    public InMemoryNetworks whenPresent() {
        return present ? this : null;
    }

    // --- NetworkService

    @Override
    public synchronized List<NetworkDetails> list() {
        return List.copyOf(networks.values());
    }

    @Override
    public synchronized NetworkDetails get(String name) {
        NetworkDetails network = networks.get(name);
        if (network == null) {
            throw new NotFoundException("no network named '" + name + "'");
        }
        return network;
    }

    // --- NetworkAdminService

    @Override
    public synchronized NetworkDetails create(NetworkSpec spec) {
        if (networks.containsKey(spec.name())) {
            throw new ConflictException("a network named '" + spec.name() + "' already exists");
        }
        UUID id = UUID.nameUUIDFromBytes(("network:" + spec.name()).getBytes(StandardCharsets.UTF_8));
        NetworkDetails details = new NetworkDetails(new Network(id, spec, CREATED),
                new NetworkStatus(true, spec.vni(), 0, ""));
        networks.put(spec.name(), details);
        return details;
    }

    @Override
    public synchronized void delete(String name) {
        get(name);
        networks.remove(name);
    }
}
