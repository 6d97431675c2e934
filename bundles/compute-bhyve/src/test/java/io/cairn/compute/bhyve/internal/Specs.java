package io.cairn.compute.bhyve.internal;

import io.cairn.api.compute.BootSpec;
import io.cairn.api.compute.DomainDisk;
import io.cairn.api.compute.DomainRequest;
import io.cairn.api.compute.NicSpec;
import io.cairn.api.compute.PowerState;
import io.cairn.api.compute.Vm;
import io.cairn.api.compute.VmSpec;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Builds requests for tests: UEFI guests booting BHYVE_UEFI.fd, FreeBSD guests booting through bhyveload. */
final class Specs {
    static final Path IMAGES = Path.of("/images");
    static final Path FIRMWARE = IMAGES.resolve("BHYVE_UEFI.fd");
    static final Path FREEBSD_KERNEL = IMAGES.resolve("freebsd14/boot/kernel/kernel");

    private Specs() {
    }

    static DomainRequest uefi(UUID id, String name, int vcpus, long memoryMiB, List<DomainDisk> disks, List<String> macs) {
        return request(id, name, vcpus, memoryMiB, "BHYVE_UEFI.fd", FIRMWARE, null, null, disks, macs, 1);
    }

    static DomainRequest freebsd(UUID id, String name, int vcpus, long memoryMiB, String cmdline, List<DomainDisk> disks,
                                 List<String> macs) {
        return request(id, name, vcpus, memoryMiB, "freebsd14/boot/kernel/kernel", FREEBSD_KERNEL, null, cmdline, disks,
                macs, 1);
    }

    static DomainRequest request(UUID id, String name, int vcpus, long memoryMiB, String kernelName, Path kernel,
                                 Path initrd, String cmdline, List<DomainDisk> disks, List<String> macs, long epoch) {
        List<NicSpec> nics = new ArrayList<>();
        for (String mac : macs) {
            nics.add(new NicSpec("default", mac));
        }
        VmSpec spec = new VmSpec(name, null, vcpus, memoryMiB, nics,
                new BootSpec(kernelName, initrd == null ? null : initrd.getFileName().toString(), cmdline), null, false,
                null);
        Vm vm = new Vm(id, spec, PowerState.RUNNING, Instant.parse("2026-12-01T00:00:00Z"));
        return new DomainRequest(vm, "n1", epoch, kernel, initrd, Path.of("/var/log/cairn/" + name + ".log"), disks, List.of());
    }

    static DomainRequest withEpoch(DomainRequest r, String owner, long epoch) {
        return new DomainRequest(r.vm(), owner, epoch, r.kernel(), r.initrd(), r.consoleLog(), r.disks(), r.ports());
    }

    static DomainDisk disk(String path, String bus) {
        return new DomainDisk(Path.of(path), bus, false);
    }

    static DomainDisk readOnly(String path, String bus) {
        return new DomainDisk(Path.of(path), bus, true);
    }

    /** A machine laid out as a first start lays it out: slots from scratch, taps tap0, tap1, … */
    static Machine firstStart(DomainRequest r, int maxVcpus, int nmdmUnit) {
        MachineSpec spec = MachineSpec.from(r, maxVcpus);
        java.util.Map<String, String> taps = new java.util.LinkedHashMap<>();
        for (int i = 0; i < spec.macs().size(); i++) {
            taps.put(spec.macs().get(i), "tap" + i);
        }
        return new Machine(spec, SlotAllocator.assign(SlotAllocator.keys(spec), java.util.Map.of()), taps, nmdmUnit);
    }
}
