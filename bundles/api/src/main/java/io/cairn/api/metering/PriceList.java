package io.cairn.api.metering;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Every price ever set, by effective date; the one in force at an instant is the latest that began by then. */
public record PriceList(List<Price> prices) {
    public PriceList {
        List<Price> sorted = new ArrayList<>(prices == null ? List.of() : prices);
        sorted.sort(Comparator.comparing(Price::effectiveFrom));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).effectiveFrom().equals(sorted.get(i - 1).effectiveFrom())) {
                throw new IllegalArgumentException("two prices take effect at " + sorted.get(i).effectiveFrom());
            }
        }
        prices = List.copyOf(sorted);
    }

    /** The price in force at {@code at}; empty before the first. */
    public Optional<Price> at(Instant at) {
        Price found = null;
        for (Price p : prices) {
            if (p.effectiveFrom().isAfter(at)) {
                break;
            }
            found = p;
        }
        return Optional.ofNullable(found);
    }
}
