package io.cairn.api.metering;

import java.util.List;

/** Statements and the records behind them; linearizable reads of the recorded usage. */
public interface UsageService {
    /**
     * The statement of {@code month} ({@code YYYY-MM}, UTC) for one tenant, or every tenant when {@code tenant} is
     * null. IllegalArgumentException for a malformed month; NotFoundException for a tenant with neither records in
     * that month nor a VM.
     */
    Statement statement(String month, String tenant);

    /** The records of {@code month}, of one VM by name when {@code vmName} is non-null, sorted by interval. */
    List<UsageRecord> records(String month, String vmName);
}
