package io.cairn.metering.internal;

import io.cairn.api.metering.PriceList;
import io.cairn.api.metering.Statement;
import io.cairn.api.metering.StatementLine;
import io.cairn.api.metering.TenantTotal;
import io.cairn.api.metering.UsageRecord;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Folds a month's records into a {@link Statement}: one line per VM, one total per tenant, prices by date. */
final class StatementBuilder {
    private final YearMonth month;
    private final String tenant;
    private final PriceList prices;
    private final Map<UUID, VmUsage> vms = new HashMap<>();

    /** @param tenant only this tenant's VMs, or null for all */
    StatementBuilder(YearMonth month, String tenant, PriceList prices) {
        this.month = month;
        this.tenant = tenant;
        this.prices = prices;
    }

    StatementBuilder add(UsageRecord r) {
        if (!YearMonth.from(r.intervalStart().atZone(ZoneOffset.UTC)).equals(month)) {
            throw new IllegalArgumentException("record " + r.id() + " is not of " + month);
        }
        if (tenant == null || tenant.equals(r.tenant())) {
            vms.computeIfAbsent(r.vmId(), VmUsage::new).add(r, prices.at(r.intervalStart()).orElse(null));
        }
        return this;
    }

    StatementBuilder addAll(Iterable<UsageRecord> records) {
        records.forEach(this::add);
        return this;
    }

    Statement build() {
        List<StatementLine> lines = new ArrayList<>(vms.size());
        vms.values().forEach(v -> lines.add(v.line()));
        lines.sort(Statement.ORDER);
        Map<String, List<StatementLine>> byTenant = new TreeMap<>();
        lines.forEach(l -> byTenant.computeIfAbsent(l.tenant(), t -> new ArrayList<>()).add(l));
        List<TenantTotal> totals = new ArrayList<>();
        BigDecimal all = BigDecimal.ZERO;
        for (Map.Entry<String, List<StatementLine>> e : byTenant.entrySet()) {
            BigDecimal points = BigDecimal.ZERO;
            BigDecimal diskGiBHours = BigDecimal.ZERO;
            long intervals = 0;
            long diskIntervals = 0;
            for (StatementLine l : e.getValue()) {
                points = points.add(l.points());
                diskGiBHours = diskGiBHours.add(l.diskGiBHours());
                intervals += l.intervals();
                diskIntervals += l.diskIntervals();
            }
            totals.add(new TenantTotal(e.getKey(), e.getValue().size(), intervals, points, diskIntervals,
                    diskGiBHours));
            all = all.add(points);
        }
        return new Statement(month.toString(), tenant, lines, totals, all);
    }
}
