package io.cairn.metering.internal;

import io.cairn.api.state.ConsistentStore;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.VersionConflictException;
import io.cairn.api.state.Versioned;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.Optional;
import java.util.UUID;

/**
 * The licence keyspace: {@code license/cluster-id} (made once, the id a licence must name) and
 * {@code license/current} (the installed licence file's text, kept as signed so any node can verify it).
 */
@Component(service = LicenseStore.class)
public class LicenseStore {
    private static final String CLUSTER_ID = "license/cluster-id";
    private static final String CURRENT = "license/current";

    @Reference
    private ConsistentStore store;

    public LicenseStore() {
    }

    LicenseStore(ConsistentStore store) {
        this.store = store;
    }

    /** The cluster's id, made on first use by whichever node asks first. */
    String clusterId() {
        Optional<Versioned> id = store.getLocal(CLUSTER_ID).or(() -> store.get(CLUSTER_ID));
        if (id.isPresent()) {
            return id.get().value();
        }
        try {
            store.put(CLUSTER_ID, UUID.randomUUID().toString(), StoreOp.ABSENT);
        } catch (VersionConflictException e) {
            // another node made it first: read theirs
        }
        return store.get(CLUSTER_ID).orElseThrow().value();
    }

    /** The installed licence file (linearizable), if any. */
    Optional<String> current() {
        return store.get(CURRENT).map(Versioned::value);
    }

    /** The installed licence file as this node's replica has it (possibly stale; see {@link #unchanged}). */
    Optional<Versioned> currentLocal() {
        return store.getLocal(CURRENT);
    }

    /** A condition that the installed licence is still the one {@code seen} read (or still none). */
    static StoreOp unchanged(Optional<Versioned> seen) {
        return StoreOp.check(CURRENT, seen.map(Versioned::version).orElse(StoreOp.ABSENT));
    }

    void install(String licenseFile) {
        store.put(CURRENT, licenseFile, StoreOp.ANY);
    }
}
