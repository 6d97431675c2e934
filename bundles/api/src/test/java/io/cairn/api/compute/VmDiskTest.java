package io.cairn.api.compute;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VmDiskTest {
    private static final BootSpec BOOT = new BootSpec("guest/vmlinuz", "guest/initrd.img", "console=ttyS0");

    private static VmSpec spec(List<VmDisk> disks) {
        return new VmSpec("db", null, 1, 128, null, BOOT, null, false, null, disks);
    }

    private static String refusal(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void aDiskIsANamedSizeOnAPoolWithAVolumePerVm() {
        VmDisk disk = new VmDisk("data", "tank", 64);
        assertEquals(64L << 20, disk.sizeBytes());
        UUID id = UUID.fromString("00000000-0000-0000-0000-000000000001");
        assertEquals("00000000-0000-0000-0000-000000000001/data", disk.volume(id));
        assertEquals("tank", spec(List.of(disk)).diskPool().orElseThrow());
    }

    @Test
    void badDisksAreRefusedNamingTheCause() {
        assertTrue(refusal(() -> new VmDisk("data", "tank", 0)).contains("sizeMiB must be between 1"));
        assertTrue(refusal(() -> new VmDisk("data", "tank", -5)).contains("sizeMiB must be between 1"));
        assertTrue(refusal(() -> new VmDisk("Data", "tank", 1)).contains("disk name"));
        assertTrue(refusal(() -> new VmDisk("a".repeat(16), "tank", 1)).contains("at most 15"));
        assertTrue(refusal(() -> new VmDisk("data", "a/b", 1)).contains("no space or '/'"));
        assertTrue(refusal(() -> new VmDisk("data", "a b", 1)).contains("pool name"));
    }

    @Test
    void aSpecsDisksHaveDistinctNamesOnOnePool() {
        assertTrue(refusal(() -> spec(List.of(new VmDisk("data", "tank", 1), new VmDisk("data", "tank", 2))))
                .contains("used twice"));
        assertTrue(refusal(() -> spec(List.of(new VmDisk("a", "tank", 1), new VmDisk("b", "other", 2))))
                .contains("on one pool"));
        assertTrue(refusal(() -> spec(java.util.Arrays.asList(new VmDisk("a", "tank", 1), null))).contains("null"));
    }

    @Test
    void disksWithoutAPoolAskForADefaultOneOnEveryDiskOrNone() {
        VmSpec spec = spec(List.of(new VmDisk("root", null, 8), new VmDisk("data", null, 16)));
        assertTrue(spec.needsDiskPool());
        assertTrue(spec.diskPool().isEmpty());
        VmSpec placed = spec.withDiskPool("tank");
        assertEquals(List.of(new VmDisk("root", "tank", 8), new VmDisk("data", "tank", 16)), placed.disks());
        assertTrue(!placed.needsDiskPool());
        assertTrue(refusal(() -> spec(List.of(new VmDisk("a", "tank", 1), new VmDisk("b", null, 2))))
                .contains("name the pool on every disk or on none"));
        assertTrue(refusal(() -> spec.withDiskPool("a/b")).contains("pool name"));
    }

    @Test
    void aSpecWithoutDisksHasNone() {
        VmSpec spec = new VmSpec("web", null, 1, 128, null, BOOT, null, false, null);
        assertEquals(List.of(), spec.disks());
        assertTrue(spec.diskPool().isEmpty());
        assertEquals(List.of(), spec(null).disks());
    }
}
