package io.cairn.metering.internal;

import io.cairn.api.common.ConflictException;
import io.cairn.api.metering.Price;
import io.cairn.api.metering.PriceList;
import io.cairn.testing.InMemoryConsistentStore;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PriceManagerTest {
    private static final Instant NOW = Instant.parse("2026-12-10T12:00:00Z");
    private final InMemoryConsistentStore store = new InMemoryConsistentStore("n1");
    private final Price initial = new Price(Instant.EPOCH, BigDecimal.ONE, new BigDecimal("0.5"), BigDecimal.ZERO);
    private final PriceManager prices = new PriceManager(new PriceStore(store), Clock.fixed(NOW, ZoneOffset.UTC),
            initial);

    private static Price price(String from, String vcpu) {
        return new Price(Instant.parse(from), new BigDecimal(vcpu), BigDecimal.ZERO, BigDecimal.ZERO);
    }

    @Test
    void theConfiguredPricesAreTheFirstEntryAndRecordedOnce() {
        assertEquals(new PriceList(java.util.List.of(initial)), prices.prices());
        PriceManager other = new PriceManager(new PriceStore(store), Clock.fixed(NOW, ZoneOffset.UTC),
                price("1970-01-01T00:00:00Z", "9"));
        assertEquals(new PriceList(java.util.List.of(initial)), other.prices(), "a second node does not re-seed");
    }

    @Test
    void aPriceInThePastIsRefusedAndNothingChanges() {
        PriceList before = prices.prices();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> prices.add(price("2026-12-01T00:00:00Z", "2")));
        assertTrue(e.getMessage().contains("never in the past"), e.getMessage());
        assertEquals(before, prices.prices());
    }

    @Test
    void aFuturePriceIsAddedOnceAndTheOneInForceFollowsDates() {
        PriceList list = prices.add(price("2027-01-01T00:00:00Z", "2"));
        assertEquals(2, list.prices().size());
        assertEquals(initial, list.at(Instant.parse("2026-12-31T23:59:59Z")).orElseThrow());
        assertEquals(new BigDecimal("2.000000"), list.at(Instant.parse("2027-01-01T00:00:00Z")).orElseThrow()
                .vcpuHour());
        assertThrows(ConflictException.class, () -> prices.add(price("2027-01-01T00:00:00Z", "3")));
    }

    @Test
    void negativeOrOverPrecisePricesAreRefusedByTheRecord() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> price("2027-01-01T00:00:00Z", "-1"));
        assertTrue(negative.getMessage().contains("must not be negative"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> price("2027-01-01T00:00:00Z", "0.0000001"));
    }
}
