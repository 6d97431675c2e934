package io.cairn.metering.internal;

import io.cairn.api.common.ConflictException;
import io.cairn.api.metering.Price;
import io.cairn.api.metering.PriceList;
import io.cairn.api.state.ConsistentStore;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.VersionConflictException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.List;

/**
 * The price keyspace: {@code price/<effective instant, epoch seconds>}. A price is written once and never
 * changed or removed, so points of the past never change.
 */
@Component(service = PriceStore.class)
public class PriceStore {
    private static final String PREFIX = "price/";

    @Reference
    private ConsistentStore store;

    public PriceStore() {
    }

    PriceStore(ConsistentStore store) {
        this.store = store;
    }

    /** Every price (linearizable). */
    PriceList list() {
        return new PriceList(store.list(PREFIX).stream().map(v -> Json.read(v.value(), Price.class)).toList());
    }

    /** Adds a price; ConflictException if one takes effect at the same instant. */
    void add(Price price) {
        try {
            store.put(key(price), Json.write(price), StoreOp.ABSENT);
        } catch (VersionConflictException e) {
            throw new ConflictException("a price already takes effect at " + price.effectiveFrom());
        }
    }

    /** Records {@code initial} only if no price exists yet; true if it did. */
    boolean seed(Price initial) {
        if (!store.list(PREFIX).isEmpty()) {
            return false;
        }
        try {
            store.commit(List.of(StoreOp.put(key(initial), Json.write(initial), StoreOp.ABSENT)));
            return true;
        } catch (VersionConflictException e) {
            return false; // another node seeded it first
        }
    }

    private static String key(Price price) {
        return PREFIX + String.format("%012d", price.effectiveFrom().getEpochSecond());
    }
}
