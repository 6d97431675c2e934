package io.cairn.api.metering;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A month's usage, per VM and per tenant. Lines are sorted by tenant, VM name and VM id and amounts have a fixed
 * scale, so the same records always give the same statement, byte for byte, in JSON and in {@link #toCsv() CSV}.
 *
 * @param month   the month, {@code YYYY-MM} (UTC)
 * @param tenant  the tenant asked for, or null for all
 * @param lines   one per VM
 * @param tenants one per tenant
 * @param points  the total
 */
public record Statement(String month, String tenant, List<StatementLine> lines, List<TenantTotal> tenants,
                        BigDecimal points) {
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    public static final String CSV_HEADER =
            "kind,month,tenant,vm_id,vm_name,intervals,vcpu_hours,memory_gib_hours,cpu_hours,points,disk_intervals,"
                    + "disk_gib_hours";
    public static final Comparator<StatementLine> ORDER = Comparator.comparing(StatementLine::tenant)
            .thenComparing(StatementLine::vmName).thenComparing(l -> l.vmId().toString());

    public Statement {
        parseMonth(month);
        List<StatementLine> sorted = new ArrayList<>(lines);
        sorted.sort(ORDER);
        lines = List.copyOf(sorted);
        List<TenantTotal> byTenant = new ArrayList<>(tenants);
        byTenant.sort(Comparator.comparing(TenantTotal::tenant));
        tenants = List.copyOf(byTenant);
        points = Amounts.of(points, "points");
    }

    /** Parses {@code YYYY-MM}; refuses anything else (e.g. {@code 2026-13}) with a message saying why. */
    public static YearMonth parseMonth(String month) {
        if (month == null || !MONTH.matcher(month).matches()) {
            throw new IllegalArgumentException("month must be YYYY-MM, was " + month);
        }
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("month must be YYYY-MM with a month 01-12, was " + month, e);
        }
    }

    /**
     * The statement as CSV: a header, one {@code vm} row per line, one {@code tenant} row each, a {@code total}. The
     * disk columns (since 1.1) come last, so the older columns keep their positions.
     */
    public String toCsv() {
        StringBuilder out = new StringBuilder(CSV_HEADER).append('\n');
        for (StatementLine l : lines) {
            out.append("vm,").append(month).append(',').append(l.tenant()).append(',').append(l.vmId()).append(',')
                    .append(l.vmName()).append(',').append(l.intervals()).append(',')
                    .append(Amounts.format(l.vcpuHours())).append(',').append(Amounts.format(l.memoryGiBHours()))
                    .append(',').append(Amounts.format(l.cpuHours())).append(',').append(Amounts.format(l.points()))
                    .append(',').append(l.diskIntervals()).append(',').append(Amounts.format(l.diskGiBHours()))
                    .append('\n');
        }
        for (TenantTotal t : tenants) {
            out.append("tenant,").append(month).append(',').append(t.tenant()).append(",,,").append(t.intervals())
                    .append(",,,,").append(Amounts.format(t.points())).append(',').append(t.diskIntervals())
                    .append(',').append(Amounts.format(t.diskGiBHours())).append('\n');
        }
        out.append("total,").append(month).append(',').append(tenant == null ? "" : tenant).append(",,,,,,,")
                .append(Amounts.format(points)).append(",,\n");
        return out.toString();
    }
}
