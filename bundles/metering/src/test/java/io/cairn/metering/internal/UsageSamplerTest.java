package io.cairn.metering.internal;

import io.cairn.api.compute.BootSpec;
import io.cairn.api.compute.ComputeDriver;
import io.cairn.api.compute.DomainInfo;
import io.cairn.api.compute.DomainRequest;
import io.cairn.api.compute.DomainState;
import io.cairn.api.compute.DomainStats;
import io.cairn.api.compute.Ownership;
import io.cairn.api.compute.PowerState;
import io.cairn.api.compute.Vm;
import io.cairn.api.compute.VmDetails;
import io.cairn.api.compute.VmDisk;
import io.cairn.api.compute.VmSpec;
import io.cairn.api.compute.VmState;
import io.cairn.api.compute.VmStatus;
import io.cairn.api.metering.UsageRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UsageSamplerTest {
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private final UsageSampler sampler = new UsageSampler();
    private final Domains domains = new Domains();

    /** What this host's hypervisor shows: the domains and their CPU counters, nothing else is asked. */
    private static final class Domains implements ComputeDriver {
        final Map<UUID, DomainInfo> info = new HashMap<>();
        final Map<UUID, Long> cpu = new HashMap<>();

        void run(VmDetails vm, String owner, long cpuNanos) {
            info.put(vm.vm().id(), new DomainInfo(vm.vm().id(), "cairn-" + vm.vm().name(), DomainState.RUNNING,
                    owner, vm.owner().epoch()));
            cpu.put(vm.vm().id(), cpuNanos);
        }

        @Override
        public String type() {
            return "test";
        }

        @Override
        public List<DomainInfo> domains() {
            return List.copyOf(info.values());
        }

        @Override
        public Optional<DomainInfo> domain(UUID vmId) {
            return Optional.ofNullable(info.get(vmId));
        }

        @Override
        public Optional<DomainStats> stats(UUID vmId) {
            return Optional.ofNullable(cpu.get(vmId)).map(c -> new DomainStats(vmId, 1, 96 * 1024, c));
        }

        @Override
        public void start(DomainRequest request) {
            throw new UnsupportedOperationException("the meter never starts a domain");
        }

        @Override
        public boolean shutdown(UUID vmId, Duration timeout) {
            throw new UnsupportedOperationException("the meter never stops a domain");
        }

        @Override
        public void destroy(UUID vmId) {
            throw new UnsupportedOperationException("the meter never destroys a domain");
        }

        @Override
        public void reboot(UUID vmId) {
            throw new UnsupportedOperationException("the meter never reboots a domain");
        }
    }

    private static VmDetails vm(String name, String owner, PowerState power, VmDisk... disks) {
        VmSpec spec = new VmSpec(name, "blue", 2, 96, List.of(), new BootSpec("vmlinuz", "initrd.img", "console=ttyS0"),
                null, false, null, List.of(disks));
        UUID id = UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new VmDetails(new Vm(id, spec, power, START.minusSeconds(3600)),
                new VmStatus(power == PowerState.RUNNING ? VmState.RUNNING : VmState.STOPPED, owner, START, null),
                new Ownership(id, owner, 5));
    }

    private List<UsageRecord> sample(VmDetails... vms) {
        return sampler.sample("n1", List.of(vms), List.of(domains), START, 60);
    }

    @Test
    void anOwnedStoppedVmWithDisksGetsADiskOnlyRecordOfAllItsDisks() {
        VmDetails stopped = vm("db", "n1", PowerState.STOPPED, new VmDisk("data", "tank", 100),
                new VmDisk("logs", "tank", 28));
        List<UsageRecord> records = sample(stopped);
        assertEquals(List.of(UsageRecord.diskOnly(stopped.vm().id(), "db", "blue", "n1", 5, START, 60, 128)), records);
        assertTrue(!records.get(0).ran());
    }

    @Test
    void aVmOwnedByAnotherNodeGetsNoRecordHereRunningOrNot() {
        VmDetails elsewhere = vm("db", "n2", PowerState.STOPPED, new VmDisk("data", "tank", 100));
        VmDetails runningElsewhere = vm("web", "n2", PowerState.RUNNING, new VmDisk("data", "tank", 100));
        domains.run(runningElsewhere, "n2", 1_000);
        assertEquals(List.of(), sample(elsewhere, runningElsewhere));
    }

    @Test
    void aStoppedVmWithoutDisksGetsNoRecord() {
        assertEquals(List.of(), sample(vm("tiny", "n1", PowerState.STOPPED)));
    }

    @Test
    void aRunningVmWithDisksGetsAFullRecordThatCarriesItsDisks() {
        VmDetails running = vm("web", "n1", PowerState.RUNNING, new VmDisk("data", "tank", 64));
        domains.run(running, "n1", 2_000_000_000L);
        assertEquals(List.of(new UsageRecord(running.vm().id(), "web", "blue", "n1", 5, START, 60, 2, 96,
                2_000_000_000L, 64)), sample(running));
        VmDetails diskless = vm("cache", "n1", PowerState.RUNNING);
        domains.run(diskless, "n1", 0);
        assertEquals(0, sample(diskless).get(0).diskMiB());
    }

    @Test
    void aVmWantedRunningWhoseDomainDoesNotRunHereYetIsBilledForItsDisksOnly() {
        VmDetails starting = vm("web", "n1", PowerState.RUNNING, new VmDisk("data", "tank", 64));
        assertEquals(List.of(UsageRecord.diskOnly(starting.vm().id(), "web", "blue", "n1", 5, START, 60, 64)),
                sample(starting), "no domain yet");
        domains.run(starting, "n2", 0);
        assertEquals(0, sample(starting).get(0).vcpus(), "a domain with another node in its metadata is not ours");
    }
}
