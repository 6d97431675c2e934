package io.cairn.api.metering;

/** The price list that turns usage into points. */
public interface PriceService {
    PriceList prices();

    /**
     * Adds a price from its effective date on. Refused (IllegalArgumentException, nothing changed) when it would
     * take effect before now — a price change never rewrites the past — and (ConflictException) when a price
     * already takes effect at that instant.
     */
    PriceList add(Price price);
}
