package io.cairn.metering.internal;

import io.cairn.api.metering.Allocation;
import io.cairn.api.metering.Capacity;
import io.cairn.api.metering.License;

import java.util.ArrayList;
import java.util.List;

/**
 * The perpetual licence's arithmetic: allocation up to 100% of the contract is fine, above it up to 133% is
 * allowed with a warning, above 133% refused. Integer math only: {@code use * 100 <= contract * 133}. Only a
 * resource the change adds to is judged: a change that adds nothing of it never takes it anywhere (e.g. a VM without
 * disks is not refused because storage is already above the limit, say after a smaller licence was installed).
 */
final class Limits {
    /** The outcome; {@code refusal} or {@code warning} hold what to tell, else null. */
    record Verdict(String refusal, String warning) {
        boolean admitted() {
            return refusal == null;
        }
    }

    private Limits() {
    }

    /** The largest allocation the contract allows: floor(contract × 1.33). */
    static long hardLimit(long contract) {
        return Math.multiplyExact(contract, Capacity.HARD_LIMIT_PERCENT) / 100;
    }

    static Verdict check(License license, Allocation before, Allocation after) {
        Capacity c = license.capacity();
        List<String> refused = new ArrayList<>();
        List<String> warned = new ArrayList<>();
        judge("vCPUs", "running VMs", c.vcpus(), before.vcpus(), after.vcpus(), license, refused, warned);
        judge("MiB of memory", "running VMs", c.memoryMiB(), before.memoryMiB(), after.memoryMiB(), license, refused,
                warned);
        judge("GiB of storage", "the disks of all VMs (running or stopped)", c.storageGiB(), before.storageGiB(),
                after.storageGiB(), license, refused, warned);
        return new Verdict(refused.isEmpty() ? null : String.join("; ", refused),
                warned.isEmpty() ? null : String.join("; ", warned));
    }

    private static void judge(String unit, String users, long contract, long before, long after, License license,
                              List<String> refused, List<String> warned) {
        if (contract == 0 || after <= before) {
            return;
        }
        long limit = hardLimit(contract);
        if (after > limit) {
            refused.add("licence " + license.id() + " allows at most " + limit + " " + unit + " (133% of the "
                    + "contracted " + contract + "); " + users + " use " + before + ", this would take " + after);
        } else if (after > contract) {
            warned.add("licence " + license.id() + ": " + after + " " + unit + " allocated, above the contracted "
                    + contract + " (limit " + limit + ")");
        }
    }
}
