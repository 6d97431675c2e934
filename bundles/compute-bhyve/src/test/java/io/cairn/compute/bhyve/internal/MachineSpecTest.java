package io.cairn.compute.bhyve.internal;

import io.cairn.api.compute.DomainDisk;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Specs bhyve cannot run are refused with what to change. */
class MachineSpecTest {
    private static final UUID ID = UUID.randomUUID();

    @Test
    void moreDisksAndNicsThanPciSlotsAreRefused() {
        List<DomainDisk> disks = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            disks.add(Specs.disk("/pool/d" + i + ".img", "virtio"));
        }
        List<String> macs = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            macs.add(String.format("02:00:00:00:00:%02x", i));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MachineSpec.from(Specs.uefi(ID, "big", 2, 512, disks, macs), 16));
        assertEquals("VM big has 14 disks and 16 NICs, 30 PCI devices, but bhyve has 32 slots on its bus, of which the "
                + "hostbridge, the LPC bridge and the RNG take 3: at most 29 disks and NICs together; remove 1", e.getMessage());
        MachineSpec.from(Specs.uefi(ID, "fits", 2, 512, disks.subList(0, 13), macs), 16);
    }

    @Test
    void aDiskBusBhyveLacksIsRefusedWithTheBusesItHas() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MachineSpec.from(Specs.uefi(ID, "old", 1, 256, List.of(Specs.disk("/pool/old.img", "ide")),
                        List.of()), 16));
        assertEquals("disk 0 (/pool/old.img) of VM old asks for disk bus 'ide', which bhyve does not emulate; bhyve "
                + "offers virtio, ahci, nvme (sata is ahci)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MachineSpec.from(Specs.uefi(ID, "s", 1, 256,
                List.of(Specs.disk("/a.img", "virtio"), Specs.disk("/b.img", "scsi")), List.of()), 16));
    }

    @Test
    void aReadOnlyNvmeDiskAndADiskAttachedTwiceAreRefused() {
        IllegalArgumentException ro = assertThrows(IllegalArgumentException.class, () -> MachineSpec.from(
                Specs.uefi(ID, "n", 1, 256, List.of(Specs.readOnly("/ro.img", "nvme")), List.of()), 16));
        assertTrue(ro.getMessage().contains("use bus virtio or ahci for a read-only disk"), ro.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> MachineSpec.from(
                Specs.uefi(ID, "t", 1, 256, List.of(Specs.disk("/a.img", "virtio"), Specs.disk("/a.img", "ahci")),
                        List.of()), 16));
        assertTrue(twice.getMessage().contains("is attached twice"), twice.getMessage());
    }

    @Test
    void moreVcpusThanTheHostAllowsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MachineSpec.from(
                Specs.uefi(ID, "wide", 32, 1024, List.of(Specs.disk("/a.img", "virtio")), List.of()), 16));
        assertEquals("VM wide asks for 32 vCPUs, but bhyve on this host allows at most 16 (sysctl hw.vmm.maxcpu); "
                + "lower vcpus", e.getMessage());
    }

    @Test
    void aLinuxKernelAndInitrdCannotBeBootedDirectly() {
        IllegalArgumentException initrd = assertThrows(IllegalArgumentException.class, () -> MachineSpec.from(
                Specs.request(ID, "linux", 1, 256, "vmlinuz", Path.of("/images/vmlinuz"), Path.of("/images/initrd.img"),
                        "console=ttyS0", List.of(), List.of(), 1), 16));
        assertTrue(initrd.getMessage().contains("bhyve cannot boot a kernel and initrd directly"), initrd.getMessage());
        IllegalArgumentException kernel = assertThrows(IllegalArgumentException.class, () -> MachineSpec.from(
                Specs.request(ID, "linux", 1, 256, "vmlinuz", Path.of("/images/vmlinuz"), null, null, List.of(),
                        List.of(), 1), 16));
        assertEquals("VM linux: bhyve boots a guest through UEFI firmware or bhyveload, so boot.kernel must name a UEFI "
                + "firmware image ending in .fd (e.g. BHYVE_UEFI.fd of the edk2-bhyve package, copied into the image "
                + "directory) or a FreeBSD kernel at <dir>/boot/<kernel>/kernel (bhyveload then uses <dir> as the guest's "
                + "root); 'vmlinuz' is neither", kernel.getMessage());
    }

    @Test
    void uefiTakesNoCommandLineAndNeedsADisk() {
        assertThrows(IllegalArgumentException.class, () -> MachineSpec.from(Specs.request(ID, "u", 1, 256,
                "BHYVE_UEFI.fd", Specs.FIRMWARE, null, "quiet", List.of(Specs.disk("/a.img", "virtio")), List.of(), 1), 16));
        IllegalArgumentException noDisk = assertThrows(IllegalArgumentException.class, () -> MachineSpec.from(
                Specs.uefi(ID, "u", 1, 256, List.of(), List.of()), 16));
        assertTrue(noDisk.getMessage().contains("give it a bootable disk"), noDisk.getMessage());
    }

    @Test
    void bhyveloadTakesLoaderVariablesOnly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MachineSpec.from(
                Specs.freebsd(ID, "b", 1, 256, "-s boot_serial=YES", List.of(), List.of()), 16));
        assertTrue(e.getMessage().contains("'-s' is not one"), e.getMessage());
        MachineSpec ok = MachineSpec.from(Specs.freebsd(ID, "b", 1, 256, "  boot_verbose=YES  ", List.of(), List.of()), 16);
        BootMethod.Bhyveload load = assertInstanceOf(BootMethod.Bhyveload.class, ok.boot());
        assertEquals(List.of("boot_verbose=YES"), load.env());
        assertEquals(Path.of("/images/freebsd14"), load.root());
    }
}
