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
 * @param kernel     absolute path of the kernel
 * @param initrd     absolute path of the initrd, or null
 * @param consoleLog file the serial console is logged to
 * @param disks      disks to attach, in the guest's order (empty until VM disks exist in the spec)
 */
public record DomainRequest(Vm vm, String owner, long epoch, Path kernel, Path initrd, Path consoleLog,
                            List<DomainDisk> disks) {
    public DomainRequest {
        Objects.requireNonNull(vm, "vm must not be null");
        Objects.requireNonNull(owner, "owner must not be null");
        Objects.requireNonNull(kernel, "kernel must not be null");
        Objects.requireNonNull(consoleLog, "consoleLog must not be null");
        disks = disks == null ? List.of() : List.copyOf(disks);
    }

    /** A request without disks (the VM boots from its kernel and initrd only). */
    public DomainRequest(Vm vm, String owner, long epoch, Path kernel, Path initrd, Path consoleLog) {
        this(vm, owner, epoch, kernel, initrd, consoleLog, List.of());
    }

    public List<NicSpec> nics() {
        return vm.spec().nics();
    }
}
