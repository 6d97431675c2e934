package io.cairn.api.compute;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything a driver needs to start a VM on this host; paths are already resolved and checked.
 *
 * @param vm         the VM
 * @param owner      owner node name written into the domain's metadata
 * @param epoch      owner epoch written into the domain's metadata
 * @param kernel     absolute path of the kernel, or null: the domain boots from its first disk (cloned from
 *                   an image, since 1.5), which must then be present
 * @param initrd     absolute path of the initrd, or null
 * @param consoleLog file the serial console is logged to
 * @param disks      disks to attach, in the guest's order (empty until VM disks exist in the spec)
 * @param ports      how each NIC attaches, in the order of {@link #nics()}; a null entry (or a missing
 *                   tail) means QEMU user-mode networking for that NIC
 */
public record DomainRequest(Vm vm, String owner, long epoch, Path kernel, Path initrd, Path consoleLog,
                            List<DomainDisk> disks, List<io.cairn.api.network.NicPort> ports) {
    public DomainRequest {
        ports = ports == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(ports));
        Objects.requireNonNull(vm, "vm must not be null");
        Objects.requireNonNull(owner, "owner must not be null");
        if (kernel == null && (disks == null || disks.isEmpty())) {
            throw new IllegalArgumentException("a domain without a kernel boots from its first disk, but has none");
        }
        Objects.requireNonNull(consoleLog, "consoleLog must not be null");
        disks = disks == null ? List.of() : List.copyOf(disks);
    }

    /** A request without disks and with user-mode networking (the VM boots from its kernel and initrd only). */
    public DomainRequest(Vm vm, String owner, long epoch, Path kernel, Path initrd, Path consoleLog) {
        this(vm, owner, epoch, kernel, initrd, consoleLog, List.of(), List.of());
    }

    /** True when the domain boots from its first disk rather than from {@link #kernel()}. */
    public boolean bootsFromDisk() {
        return kernel == null;
    }

    /** The port of NIC {@code index}, or null for user-mode networking. */
    public io.cairn.api.network.NicPort port(int index) {
        return index < ports.size() ? ports.get(index) : null;
    }

    public List<NicSpec> nics() {
        return vm.spec().nics();
    }
}
