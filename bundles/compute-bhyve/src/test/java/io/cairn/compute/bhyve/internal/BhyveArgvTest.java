package io.cairn.compute.bhyve.internal;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The exact command lines, written out in full: what a FreeBSD node would run for these specs. */
class BhyveArgvTest {
    private static final UUID ID = UUID.fromString("6f1c2e3a-0b4d-4c5e-9f60-718293a4b5c6");
    private final BhyveArgv argv = new BhyveArgv(BhyveSettings.of(Path.of("/var/run/cairn/bhyve")));

    @Test
    void oneVcpuUefiGuestWithOneDiskOneNicAndItsConsole() {
        Machine m = Specs.firstStart(Specs.uefi(ID, "web1", 1, 256,
                List.of(Specs.disk("/pool/vms/web1/disk0.img", "virtio")), List.of("02:00:00:00:00:01")), 16, 1000);
        assertEquals(List.of("/usr/sbin/bhyve", "-A", "-H", "-P", "-u",
                "-c", "1", "-m", "256M", "-U", "6f1c2e3a-0b4d-4c5e-9f60-718293a4b5c6",
                "-s", "0,hostbridge",
                "-s", "1,virtio-blk,/pool/vms/web1/disk0.img",
                "-s", "2,virtio-net,tap0,mac=02:00:00:00:00:01",
                "-s", "3,virtio-rnd",
                "-s", "31,lpc",
                "-l", "com1,/dev/nmdm1000A",
                "-l", "bootrom,/images/BHYVE_UEFI.fd",
                "cairn-web1"), argv.bhyve(m));
        assertEquals(List.of(), argv.bhyveload(m), "a UEFI guest needs no bhyveload");
    }

    @Test
    void sixteenVcpusSeveralDisksOnEveryBusAndSeveralNicsWithFixedMacs() {
        Machine m = Specs.firstStart(Specs.uefi(ID, "db-primary", 16, 65536,
                List.of(Specs.disk("/pool/vms/db/root.img", "virtio"), Specs.readOnly("/pool/images/tools.img", "ahci"),
                        Specs.disk("/dev/zvol/pool/db-data", "nvme"), Specs.disk("/pool/vms/db/logs.img", "sata")),
                List.of("02:00:00:aa:00:01", "02:00:00:aa:00:02", "52:54:00:12:34:56")), 16, 1003);
        assertEquals(List.of("/usr/sbin/bhyve", "-A", "-H", "-P", "-u",
                "-c", "16", "-m", "65536M", "-U", "6f1c2e3a-0b4d-4c5e-9f60-718293a4b5c6",
                "-s", "0,hostbridge",
                "-s", "1,virtio-blk,/pool/vms/db/root.img",
                "-s", "2,ahci-hd,/pool/images/tools.img,ro",
                "-s", "3,nvme,/dev/zvol/pool/db-data",
                "-s", "4,ahci-hd,/pool/vms/db/logs.img",
                "-s", "5,virtio-net,tap0,mac=02:00:00:aa:00:01",
                "-s", "6,virtio-net,tap1,mac=02:00:00:aa:00:02",
                "-s", "7,virtio-net,tap2,mac=52:54:00:12:34:56",
                "-s", "8,virtio-rnd",
                "-s", "31,lpc",
                "-l", "com1,/dev/nmdm1003A",
                "-l", "bootrom,/images/BHYVE_UEFI.fd",
                "cairn-db-primary"), argv.bhyve(m));
    }

    @Test
    void freeBsdGuestThroughBhyveloadWithLoaderVariablesAndNoNic() {
        Machine m = Specs.firstStart(Specs.freebsd(ID, "bsd1", 2, 1024,
                "vfs.root.mountfrom=ufs:/dev/vtbd0p2 boot_serial=YES",
                List.of(Specs.disk("/pool/vms/bsd1/disk0.img", "virtio")), List.of()), 16, 1001);
        assertEquals(List.of("/usr/sbin/bhyveload", "-m", "1024M", "-c", "/dev/nmdm1001A",
                "-h", "/images/freebsd14",
                "-e", "vfs.root.mountfrom=ufs:/dev/vtbd0p2", "-e", "boot_serial=YES",
                "cairn-bsd1"), argv.bhyveload(m));
        assertEquals(List.of("/usr/sbin/bhyve", "-A", "-H", "-P", "-u",
                "-c", "2", "-m", "1024M", "-U", "6f1c2e3a-0b4d-4c5e-9f60-718293a4b5c6",
                "-s", "0,hostbridge",
                "-s", "1,virtio-blk,/pool/vms/bsd1/disk0.img",
                "-s", "2,virtio-rnd",
                "-s", "31,lpc",
                "-l", "com1,/dev/nmdm1001A",
                "cairn-bsd1"), argv.bhyve(m));
    }

    @Test
    void anotherKernelDirectoryIsPassedAsTheLoaderVariableKernel() {
        Machine m = Specs.firstStart(Specs.request(ID, "bsd2", 1, 512, "fbsd/boot/kernel.debug/kernel",
                Path.of("/images/fbsd/boot/kernel.debug/kernel"), null, null, List.of(), List.of("02:00:00:00:00:09"), 1),
                16, 1002);
        assertEquals(List.of("/usr/sbin/bhyveload", "-m", "512M", "-c", "/dev/nmdm1002A",
                "-h", "/images/fbsd", "-e", "kernel=kernel.debug", "cairn-bsd2"), argv.bhyveload(m));
        assertEquals(List.of("/usr/sbin/bhyve", "-A", "-H", "-P", "-u",
                "-c", "1", "-m", "512M", "-U", "6f1c2e3a-0b4d-4c5e-9f60-718293a4b5c6",
                "-s", "0,hostbridge",
                "-s", "1,virtio-net,tap0,mac=02:00:00:00:00:09",
                "-s", "2,virtio-rnd",
                "-s", "31,lpc",
                "-l", "com1,/dev/nmdm1002A",
                "cairn-bsd2"), argv.bhyve(m));
    }

    @Test
    void withoutAcpiTheFlagIsLeftOutAndALongNameIsShortenedWithTheId() {
        BhyveSettings s = BhyveSettings.of(Path.of("/var/run/cairn/bhyve"));
        BhyveSettings noAcpi = new BhyveSettings(s.runDir(), s.programs(), s.bridge(), s.nmdmBase(), false, s.limits(),
                s.commandTimeout(), s.shutdownTimeout(), s.pollInterval());
        Machine m = Specs.firstStart(Specs.uefi(ID, "a-rather-long-vm-name-for-bhyve", 1, 128,
                List.of(Specs.disk("/d.img", "virtio")), List.of()), 16, 1000);
        assertEquals(List.of("/usr/sbin/bhyve", "-H", "-P", "-u",
                "-c", "1", "-m", "128M", "-U", "6f1c2e3a-0b4d-4c5e-9f60-718293a4b5c6",
                "-s", "0,hostbridge",
                "-s", "1,virtio-blk,/d.img",
                "-s", "2,virtio-rnd",
                "-s", "31,lpc",
                "-l", "com1,/dev/nmdm1000A",
                "-l", "bootrom,/images/BHYVE_UEFI.fd",
                "cairn-a-rather-long-vm-6f1c2e3a"), new BhyveArgv(noAcpi).bhyve(m));
    }

    @Test
    void bhyvectlCommandLines() {
        assertEquals(List.of("/usr/sbin/bhyvectl", "--destroy", "--vm=cairn-web1"), argv.destroy("cairn-web1"));
        assertEquals(List.of("/usr/sbin/bhyvectl", "--vm=cairn-web1", "--force-poweroff"), argv.forcePoweroff("cairn-web1"));
        assertEquals(List.of("/usr/sbin/bhyvectl", "--vm=cairn-web1", "--force-reset"), argv.forceReset("cairn-web1"));
    }
}
