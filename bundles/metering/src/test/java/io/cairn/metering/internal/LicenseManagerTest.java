package io.cairn.metering.internal;

import io.cairn.api.common.UnsatisfiableException;
import io.cairn.api.compute.BootSpec;
import io.cairn.api.compute.VmAdmission;
import io.cairn.api.compute.VmSpec;
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
