package io.cairn.metering.internal;

import io.cairn.api.compute.ComputeDriver;
import io.cairn.api.compute.DomainInfo;
import io.cairn.api.compute.DomainState;
import io.cairn.api.compute.DomainStats;
import io.cairn.api.compute.Ownership;
import io.cairn.api.compute.VmDetails;
import io.cairn.api.compute.VmSpec;
import io.cairn.api.metering.UsageRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns what this node owns into usage records for one interval. A VM this node owns (ownership record) whose
 * domain runs here with this node's name in its metadata gets a full record: vCPUs, memory, CPU time and its
 * disks. One it owns that does not run so (stopped, starting, paused, gone) but has disks gets a disk-only record:
 * its disks stay allocated. A VM without disks that does not run gets none. CPU time is the growth of the
 * domain's counter since this node's previous sample of it; without one (first sample, a restart) it is the counter
 * itself, at most the interval's worth of all its vCPUs.
 */
final class UsageSampler {
    private final Map<UUID, Long> lastCpu = new HashMap<>();

    List<UsageRecord> sample(String self, List<VmDetails> vms, List<ComputeDriver> drivers, Instant start,
                             int seconds) {
        List<UsageRecord> out = new ArrayList<>();
        Map<UUID, Long> seen = new HashMap<>();
        for (VmDetails details : vms) {
            Ownership owner = details.owner();
            if (owner == null || !owner.node().equals(self)) {
                continue;
            }
            UUID id = details.vm().id();
            VmSpec spec = details.vm().spec();
            long diskMiB = DiskSpace.mib(spec);
            Optional<DomainInfo> domain = domain(drivers, id);
            if (domain.isEmpty() || domain.get().state() != DomainState.RUNNING
                    || !self.equals(domain.get().owner())) {
                if (diskMiB > 0) {
                    out.add(UsageRecord.diskOnly(id, details.vm().name(), spec.tenant(), self, owner.epoch(), start,
                            seconds, diskMiB));
                }
                continue;
            }
            long cpu = cpuNanos(drivers, id, spec.vcpus(), seconds, seen);
            out.add(new UsageRecord(id, details.vm().name(), spec.tenant(), self, owner.epoch(), start, seconds,
                    spec.vcpus(), spec.memoryMiB(), cpu, diskMiB));
        }
        lastCpu.keySet().retainAll(seen.keySet());
        lastCpu.putAll(seen);
        return out;
    }

    private long cpuNanos(List<ComputeDriver> drivers, UUID id, int vcpus, int seconds, Map<UUID, Long> seen) {
        Optional<DomainStats> stats = Optional.empty();
        for (ComputeDriver d : drivers) {
            stats = d.stats(id);
            if (stats.isPresent()) {
                break;
            }
        }
        if (stats.isEmpty()) {
            return 0;
        }
        long total = stats.get().cpuTimeNanos();
        seen.put(id, total);
        Long previous = lastCpu.get(id);
        long grown = previous != null && total >= previous ? total - previous : total;
        return Math.min(grown, (long) vcpus * seconds * 1_000_000_000L);
    }

    private static Optional<DomainInfo> domain(List<ComputeDriver> drivers, UUID id) {
        for (ComputeDriver d : drivers) {
            Optional<DomainInfo> info = d.domain(id);
            if (info.isPresent()) {
                return info;
            }
        }
        return Optional.empty();
    }
}
