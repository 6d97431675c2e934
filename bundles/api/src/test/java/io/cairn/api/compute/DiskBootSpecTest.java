package io.cairn.api.compute;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A VM whose first disk is cloned from an image boots from it: no boot section, and only then. */
class DiskBootSpecTest {
    private static final BootSpec BOOT = new BootSpec("vmlinuz", "initrd.img", "console=ttyS0");

    private static String refusal(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    private static VmSpec spec(BootSpec boot, VmDisk... disks) {
        return new VmSpec("web", null, 1, 128, null, boot, null, false, null, List.of(disks));
    }

    @Test
    void aFirstDiskFromAnImageReplacesTheBootSection() {
        VmSpec spec = spec(null, new VmDisk("root", "tank", 64, "debian"), new VmDisk("data", "tank", 8));
        assertTrue(spec.bootsFromDisk());
        assertNull(spec.boot());
        assertEquals("debian", spec.disks().get(0).image());
        assertNull(spec.disks().get(1).image());
        assertFalse(spec(BOOT, new VmDisk("root", "tank", 8), new VmDisk("data", "tank", 8, "debian")).bootsFromDisk(),
                "an image on a later disk: the VM still boots its kernel");
    }

    @Test
    void bootIsRequiredWithoutAnImageOnTheFirstDiskAndRefusedWithOne() {
        assertTrue(refusal(() -> spec(null)).contains("boot is required"));
        assertTrue(refusal(() -> spec(null, new VmDisk("data", "tank", 8), new VmDisk("root", "tank", 8, "deb")))
                .contains("unless the first disk is cloned from an image"));
        assertTrue(refusal(() -> spec(BOOT, new VmDisk("root", "tank", 8, "deb")))
                .contains("boot must be absent: the VM boots from its first disk root, cloned from image deb"));
        assertTrue(refusal(() -> new VmDisk("root", "tank", 8, "a/b")).contains("disk root: image name"));
    }

    @Test
    void aDomainWithoutKernelNeedsADiskToBootFrom() {
        VmSpec spec = spec(null, new VmDisk("root", "tank", 64, "debian"));
        Vm vm = new Vm(UUID.randomUUID(), spec, PowerState.RUNNING, Instant.now());
        DomainRequest r = new DomainRequest(vm, "n1", 1, null, null, Path.of("/c.log"),
                List.of(new DomainDisk(Path.of("/p/root.img"), "virtio", false)), List.of());
        assertTrue(r.bootsFromDisk());
        assertTrue(refusal(() -> new DomainRequest(vm, "n1", 1, null, null, Path.of("/c.log"), List.of(), List.of()))
                .contains("boots from its first disk, but has none"));
    }
}
