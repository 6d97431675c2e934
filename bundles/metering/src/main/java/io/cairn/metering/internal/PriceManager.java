package io.cairn.metering.internal;

import io.cairn.api.metering.Price;
import io.cairn.api.metering.PriceList;
import io.cairn.api.metering.PriceService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;

/**
 * The price list. The configured prices are the first entry (from 1970), recorded once by the first node to start;
 * every later change is a new entry from a date not in the past, so points already earned never change.
 */
@Component(service = PriceService.class, configurationPid = MeteringConfig.PID)
public class PriceManager implements PriceService {
    private static final Logger LOG = LoggerFactory.getLogger(PriceManager.class);

    @Reference
    private PriceStore store;
    private Clock clock = Clock.systemUTC();
    private Price initial;

    public PriceManager() {
    }

    PriceManager(PriceStore store, Clock clock, Price initial) {
        this.store = store;
        this.clock = clock;
        this.initial = initial;
    }

    @Activate
    void activate(MeteringConfig config) {
        initial = new Price(Instant.EPOCH, amount(config.price_vcpu_hour(), "price.vcpu.hour"),
                amount(config.price_memory_gib_hour(), "price.memory.gib.hour"),
                amount(config.price_cpu_hour(), "price.cpu.hour"),
                amount(config.price_disk_gib_hour(), "price.disk.gib.hour"));
    }

    private static BigDecimal amount(String value, String key) {
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("etc/io.cairn.metering.cfg: " + key + " must be a number, was '"
                    + value + "'", e);
        }
    }

    @Override
    public PriceList prices() {
        PriceList list = store.list();
        if (list.prices().isEmpty() && store.seed(initial)) {
            LOG.info("Recorded the configured prices as the first price list entry: {}", initial);
            list = store.list();
        }
        return list;
    }

    @Override
    public PriceList add(Price price) {
        if (price == null) {
            throw new IllegalArgumentException("a price is required");
        }
        Instant now = clock.instant();
        if (price.effectiveFrom().isBefore(now)) {
            throw new IllegalArgumentException("a price takes effect from now on, never in the past: effectiveFrom "
                    + price.effectiveFrom() + " is before " + now);
        }
        prices();
        store.add(price);
        LOG.info("New price from {}: {} points per vCPU-hour, {} per GiB-hour of memory, {} per CPU-hour, {} per "
                + "GiB-hour of disk", price.effectiveFrom(), price.vcpuHour(), price.memoryGiBHour(), price.cpuHour(),
                price.diskGiBHour());
        return store.list();
    }
}
