package io.cairn.metering.internal;

import io.cairn.api.metering.UsageRecord;

import java.time.Instant;
import java.util.UUID;

/** Usage records for tests. */
final class Records {
    private Records() {
    }

    static UsageRecord record(UUID vm, String name, String tenant, Instant start, int seconds, int vcpus, long mib,
                              long cpuNanos) {
        return new UsageRecord(vm, name, tenant, "n1", 7, start, seconds, vcpus, mib, cpuNanos);
    }

    static UUID vm(int i) {
        return UUID.nameUUIDFromBytes(("vm-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
