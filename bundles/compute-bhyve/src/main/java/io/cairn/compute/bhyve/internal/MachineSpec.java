package io.cairn.compute.bhyve.internal;

import io.cairn.api.compute.DomainDisk;
import io.cairn.api.compute.DomainRequest;
import io.cairn.api.compute.NicSpec;
import io.cairn.api.compute.VmSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a VM needs from bhyve, checked before any host program runs: vCPUs within the host's limit,
 * disks on buses bhyve emulates, a boot method bhyve has, and no more devices than PCI slots.
 *
 * @param vmId      the VM's id (also the guest's SMBIOS UUID, {@code -U})
 * @param vmName    the VM's name in Cairn
 * @param bhyveName the name of the bhyve VM ({@code /dev/vmm/<bhyveName>})
 * @param cpus      vCPUs ({@code -c})
 * @param memoryMiB memory ({@code -m <n>M})
 * @param boot      UEFI firmware or bhyveload
 * @param disks     disks in the guest's order
 * @param macs      the NICs' MACs in the guest's order
 */
public record MachineSpec(UUID vmId, String vmName, String bhyveName, int cpus, long memoryMiB, BootMethod boot,
                          List<Disk> disks, List<String> macs) {
    /** bhyve's VM names are at most 31 characters (VM_MAX_NAMELEN 32 with the NUL). */
    static final int MAX_BHYVE_NAME = 31;
    private static final String PREFIX = "cairn-";
    private static final Pattern LOADER_VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*=[^\\s\"'\\\\]*");

    /** A disk as bhyve attaches it. */
    public record Disk(Path path, DiskBus bus, boolean readOnly) {
        public Disk {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(bus, "bus");
        }
    }

    public MachineSpec {
        Objects.requireNonNull(vmId, "vmId");
        Objects.requireNonNull(boot, "boot");
        disks = List.copyOf(disks);
        macs = List.copyOf(macs);
    }

    /**
     * Checks a request against what bhyve can do on a host that allows {@code maxVcpus} vCPUs per VM.
     *
     * @throws IllegalArgumentException with what to change, when bhyve cannot run it
     */
    public static MachineSpec from(DomainRequest request, int maxVcpus) {
        VmSpec spec = request.vm().spec();
        if (spec.vcpus() > maxVcpus) {
            throw new IllegalArgumentException("VM " + spec.name() + " asks for " + spec.vcpus() + " vCPUs, but bhyve on "
                    + "this host allows at most " + maxVcpus + " (sysctl hw.vmm.maxcpu); lower vcpus");
        }
        BootMethod boot = bootMethod(request);
        List<Disk> disks = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (int i = 0; i < request.disks().size(); i++) {
            DomainDisk d = request.disks().get(i);
            String what = "disk " + i + " (" + d.path() + ") of VM " + spec.name();
            DiskBus bus = DiskBus.of(d.bus(), what);
            if (!seen.add(d.path())) {
                throw new IllegalArgumentException(what + " is attached twice; attach each disk once");
            }
            if (bus == DiskBus.NVME && d.readOnly()) {
                throw new IllegalArgumentException(what + " is read-only on bus nvme, but bhyve(8) offers no read-only "
                        + "nvme disk; use bus virtio or ahci for a read-only disk");
            }
            disks.add(new Disk(d.path(), bus, d.readOnly()));
        }
        if (boot instanceof BootMethod.Uefi && disks.isEmpty()) {
            throw new IllegalArgumentException("VM " + spec.name() + " boots through UEFI firmware, which boots from a "
                    + "disk, but it has none; give it a bootable disk");
        }
        List<String> macs = spec.nics().stream().map(NicSpec::mac).toList();
        SlotAllocator.requireCapacity(spec.name(), disks.size(), macs.size());
        return new MachineSpec(request.vm().id(), spec.name(), bhyveName(spec.name(), request.vm().id()), spec.vcpus(),
                spec.memoryMiB(), boot, disks, macs);
    }

    /** {@code cairn-<name>}, or {@code cairn-<first 16 characters>-<8 hex of the id>} when that is too long. */
    static String bhyveName(String name, UUID id) {
        String full = PREFIX + name;
        if (full.length() <= MAX_BHYVE_NAME) {
            return full;
        }
        return PREFIX + name.substring(0, 16) + "-" + id.toString().substring(0, 8);
    }

    private static BootMethod bootMethod(DomainRequest request) {
        String name = request.vm().spec().name();
        if (request.bootsFromDisk()) {
            throw new IllegalArgumentException("VM " + name + " boots from a disk cloned from an image; the bhyve "
                    + "driver boots a kernel (bhyveload) or UEFI firmware only");
        }
        String kernelName = request.vm().spec().boot().kernel();
        String cmdline = request.vm().spec().boot().cmdline();
        Path kernel = request.kernel();
        Path file = kernel.getFileName();
        if (request.initrd() != null) {
            throw new IllegalArgumentException("VM " + name + " names an initrd, but bhyve cannot boot a kernel and "
                    + "initrd directly: boot a UEFI firmware image (boot.kernel = *.fd) from a disk that holds the "
                    + "kernel, or a FreeBSD kernel through bhyveload; remove boot.initrd");
        }
        if (file != null && file.toString().endsWith(".fd")) {
            if (cmdline != null && !cmdline.isBlank()) {
                throw new IllegalArgumentException("VM " + name + " boots UEFI firmware " + kernelName + ", which takes "
                        + "no kernel command line; remove boot.cmdline (put it in the guest's boot loader on its disk)");
            }
            return new BootMethod.Uefi(kernel);
        }
        Path kernelDir = kernel.getParent();
        Path boot = kernelDir == null ? null : kernelDir.getParent();
        Path root = boot == null ? null : boot.getParent();
        if (file == null || !file.toString().equals("kernel") || boot == null || root == null
                || !boot.getFileName().toString().equals("boot")) {
            throw new IllegalArgumentException("VM " + name + ": bhyve boots a guest through UEFI firmware or bhyveload, "
                    + "so boot.kernel must name a UEFI firmware image ending in .fd (e.g. BHYVE_UEFI.fd of the "
                    + "edk2-bhyve package, copied into the image directory) or a FreeBSD kernel at "
                    + "<dir>/boot/<kernel>/kernel (bhyveload then uses <dir> as the guest's root); '" + kernelName
                    + "' is neither");
        }
        List<String> env = new ArrayList<>();
        if (cmdline != null) {
            for (String word : cmdline.trim().split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                if (!LOADER_VARIABLE.matcher(word).matches()) {
                    throw new IllegalArgumentException("VM " + name + " boots through bhyveload, whose boot.cmdline is a "
                            + "list of loader variables name=value (e.g. vfs.root.mountfrom=ufs:/dev/vtbd0p2 "
                            + "boot_serial=YES); '" + word + "' is not one");
                }
                env.add(word);
            }
        }
        return new BootMethod.Bhyveload(root, kernelDir.getFileName().toString(), env);
    }
}
