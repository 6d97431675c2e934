package io.cairn.metering.internal;

import io.cairn.api.common.UnsatisfiableException;
import io.cairn.api.compute.BootSpec;
import io.cairn.api.compute.VmAdmission;
import io.cairn.api.compute.VmDisk;
import io.cairn.api.compute.VmSpec;
import io.cairn.api.metering.Capacity;
import io.cairn.api.metering.LicenseRejectedException;
import io.cairn.api.metering.LicenseWarning;
import io.cairn.testing.InMemoryConsistentStore;
import io.cairn.testing.InMemoryServices;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LicenseManagerTest {
    private static final Instant NOW = Instant.parse("2026-12-02T00:00:00Z");
    private final InMemoryConsistentStore raft = new InMemoryConsistentStore("n1");
    private final LicenseStore store = new LicenseStore(raft);
    private final TestVendor vendor = new TestVendor();
    private final LicenseManager licenses = new LicenseManager(store, new InMemoryServices(), vendor.verifier(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static VmSpec spec(String name, int vcpus) {
        return new VmSpec(name, "blue", vcpus, 64, List.of(), new BootSpec("vmlinuz", "initrd.img", "console=ttyS0"),
                null, false, null);
    }

    private static List<VmSpec> running(int vcpus) {
        List<VmSpec> out = new ArrayList<>();
        for (int i = 0; i < vcpus; i++) {
            out.add(spec("r" + i, 1));
        }
        return out;
    }

    private String perpetual(int vcpus, Instant until) {
        return vendor.sign(TestVendor.perpetual(store.clusterId(), vcpus, NOW.minusSeconds(60), until));
    }

    @Test
    void withoutALicenceEverythingIsAdmitted() {
        assertTrue(!licenses.active(), "no licence: core need not ask nor guard");
        licenses.admit(VmAdmission.Action.START, spec("big", 200), running(100));
        assertNull(licenses.status().license());
    }

    @Test
    void theReplicaDecisionCarriesAConditionOnTheLicenceItRead() {
        VmAdmission.Activity none = licenses.localActivity();
        assertTrue(!none.active());
        assertEquals(List.of(io.cairn.api.state.StoreOp.check("license/current", io.cairn.api.state.StoreOp.ABSENT)),
                none.conditions(), "no licence seen: the commit needs there still to be none");
        licenses.install(perpetual(8, NOW.plusSeconds(86_400)));
        long installed = raft.getLocal("license/current").orElseThrow().version();
        VmAdmission.Activity limited = licenses.localActivity();
        assertTrue(limited.active());
        assertEquals(List.of(io.cairn.api.state.StoreOp.check("license/current", installed)), limited.conditions());
    }

    @Test
    void aPerpetualLicenceRefusesTheStartAbove133PercentAndWarnsAbove100() {
        licenses.install(perpetual(8, NOW.plusSeconds(86_400)));
        assertTrue(licenses.active(), "a perpetual licence limits the cluster");
        List<LicenseWarning> warned = new ArrayList<>();
        licenses.addListener(warned::add);
        licenses.admit(VmAdmission.Action.START, spec("a", 2), running(6));
        assertEquals(List.of(), warned, "8 of 8: no warning");
        licenses.admit(VmAdmission.Action.START, spec("b", 2), running(8));
        assertEquals(1, warned.size());
        assertTrue(warned.get(0).message().contains("10 vCPUs allocated"), warned.get(0).message());
        UnsatisfiableException refused = assertThrows(UnsatisfiableException.class,
                () -> licenses.admit(VmAdmission.Action.START, spec("c", 1), running(10)));
        assertTrue(refused.getMessage().contains("at most 10 vCPUs") && refused.getMessage().contains("use 10")
                && refused.getMessage().contains("take 11"), refused.getMessage());
        assertEquals(1, licenses.status().warnings().size());
        // a create is judged by the VM alone: it does not run yet
        licenses.admit(VmAdmission.Action.CREATE, spec("d", 2), running(10));
        assertThrows(UnsatisfiableException.class,
                () -> licenses.admit(VmAdmission.Action.CREATE, spec("e", 11), running(0)));
    }

    private static VmSpec withDisk(String name, long diskMiB) {
        return new VmSpec(name, "blue", 1, 64, List.of(), new BootSpec("vmlinuz", "initrd.img", "console=ttyS0"),
                null, false, null, List.of(new VmDisk("data", "tank", diskMiB)));
    }

    private void installStorage(long gib) {
        licenses.install(vendor.sign(TestVendor.perpetual(store.clusterId(), new Capacity(0, 0, gib),
                NOW.minusSeconds(60), NOW.plusSeconds(86_400))));
    }

    @Test
    void aCreateWhoseDisksTakeStoragePast133PercentIsRefusedAndAbove100Warned() {
        installStorage(10);
        List<LicenseWarning> warned = new ArrayList<>();
        licenses.addListener(warned::add);
        // 10 GiB contract: 13 GiB (floor of 13.3) admitted, a MiB more rounds up to 14 and is refused
        List<VmSpec> others = List.of(withDisk("a", 6 * 1024), withDisk("b", 4 * 1024));
        licenses.admit(VmAdmission.Action.CREATE, spec("diskless", 1), List.of(), others);
        assertEquals(List.of(), warned, "10 of 10 GiB: no warning");
        licenses.admit(VmAdmission.Action.CREATE, withDisk("c", 3 * 1024), List.of(), others);
        assertEquals(1, warned.size());
        assertTrue(warned.get(0).message().contains("VM 'c' created: ")
                && warned.get(0).message().contains("13 GiB of storage allocated"), warned.get(0).message());
        UnsatisfiableException refused = assertThrows(UnsatisfiableException.class,
                () -> licenses.admit(VmAdmission.Action.CREATE, withDisk("d", 3 * 1024 + 1), List.of(), others));
        assertTrue(refused.getMessage().contains("VM 'd' not admitted")
                && refused.getMessage().contains("at most 13 GiB of storage")
                && refused.getMessage().contains("use 10") && refused.getMessage().contains("take 14"),
                refused.getMessage());
        // stopped VMs count as much as running ones: the same disks, all stopped or all running
        assertThrows(UnsatisfiableException.class, () -> licenses.admit(VmAdmission.Action.CREATE,
                withDisk("e", 3 * 1024 + 1), others, others));
    }

    @Test
    void aStartAddsNoStorageItsDisksWereCountedAtCreate() {
        installStorage(10);
        List<VmSpec> full = List.of(withDisk("a", 13 * 1024));
        licenses.admit(VmAdmission.Action.START, withDisk("b", 1024), List.of(), full);
        installStorage(1); // a smaller licence: the cluster is now past it, a start adds nothing to it
        licenses.admit(VmAdmission.Action.START, withDisk("b", 1024), List.of(), full);
        assertThrows(UnsatisfiableException.class, () -> licenses.admit(VmAdmission.Action.CREATE,
                withDisk("c", 1), List.of(), full), "but a create that adds a disk is refused");
        licenses.admit(VmAdmission.Action.CREATE, spec("d", 1), List.of(), full);
    }

    @Test
    void theStatusShowsTheStorageOfAllVmsRunningOrStopped() {
        InMemoryServices services = new InMemoryServices();
        LicenseManager manager = new LicenseManager(store, services, vendor.verifier(), Clock.fixed(NOW,
                ZoneOffset.UTC));
        assertEquals(0, manager.status().allocation().storageGiB());
        services.create(withDisk("a", 1000));
        services.create(withDisk("b", 100));
        assertEquals(2, manager.status().allocation().storageGiB(), "1100 MiB take 2 GiB");
        assertEquals(0, manager.status().allocation().vcpus(), "neither runs");
    }

    @Test
    void askedWithoutTheStoppedVmsItReadsThemItself() {
        InMemoryServices services = new InMemoryServices();
        LicenseManager manager = new LicenseManager(store, services, vendor.verifier(), Clock.fixed(NOW,
                ZoneOffset.UTC));
        installStorage(10);
        services.create(withDisk("a", 13 * 1024));
        UnsatisfiableException refused = assertThrows(UnsatisfiableException.class,
                () -> manager.admit(VmAdmission.Action.CREATE, withDisk("b", 1), List.of()));
        assertTrue(refused.getMessage().contains("use 13") && refused.getMessage().contains("take 14"),
                refused.getMessage());
        manager.admit(VmAdmission.Action.START, services.vm("a").orElseThrow().vm().spec(), List.of());
    }

    @Test
    void aRefusedFileLeavesTheInstalledLicenceAndAnExpiredOneStopsStarts() {
        String valid = perpetual(8, NOW.plusSeconds(86_400));
        licenses.install(valid);
        assertThrows(LicenseRejectedException.class, () -> licenses.install(valid.replace("vcpus=8", "vcpus=9")));
        assertEquals(8, licenses.status().license().capacity().vcpus());
        assertTrue(licenses.status().valid());
        LicenseManager later = new LicenseManager(store, new InMemoryServices(), vendor.verifier(),
                Clock.fixed(NOW.plusSeconds(90_000), ZoneOffset.UTC));
        UnsatisfiableException expired = assertThrows(UnsatisfiableException.class,
                () -> later.admit(VmAdmission.Action.START, spec("a", 1), running(0)));
        assertTrue(expired.getMessage().contains("expired"), expired.getMessage());
        assertTrue(later.active(), "an expired licence refuses, so it stays active");
        assertTrue(!later.status().valid());
    }
}
