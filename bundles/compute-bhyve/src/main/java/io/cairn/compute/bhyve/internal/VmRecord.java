package io.cairn.compute.bhyve.internal;

import io.cairn.api.common.DnsLabel;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What the driver keeps about a VM it runs, in a file of its run directory, since bhyve has no domain
 * metadata: which VM it is, the owner node and epoch it was started under (the fencing token the
 * reconciler compares with the VM's owner record), the bhyve process, and the host resources that must
 * stay the same across restarts (PCI slots, taps, console) or be freed with the VM.
 *
 * @param pid      the bhyve process, 0 while none runs
 * @param pidStart when that process started, as the host reports it (guards against a reused pid)
 */
public record VmRecord(UUID vmId, String vmName, String owner, long epoch, String bhyveName, long pid, Instant pidStart,
                       int nmdmUnit, Map<String, Integer> slots, Map<String, String> taps) {
    public VmRecord {
        Objects.requireNonNull(vmId, "vm.id");
        DnsLabel.require(vmName, "vm.name");
        DnsLabel.require(owner, "owner");
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be positive, was " + epoch);
        }
        if (bhyveName == null || bhyveName.isEmpty() || bhyveName.length() > MachineSpec.MAX_BHYVE_NAME) {
            throw new IllegalArgumentException("bhyve.name must be 1 to " + MachineSpec.MAX_BHYVE_NAME + " characters");
        }
        if (pid < 0) {
            throw new IllegalArgumentException("pid must not be negative");
        }
        if (nmdmUnit < 0) {
            throw new IllegalArgumentException("nmdm.unit must not be negative");
        }
        slots = Map.copyOf(slots);
        taps = Map.copyOf(taps);
        for (String tap : taps.values()) {
            if (!IfconfigOutput.isInterfaceName(tap)) {
                throw new IllegalArgumentException("'" + tap + "' is not a tap interface name");
            }
        }
    }

    public VmRecord withOwner(String newOwner, long newEpoch) {
        return new VmRecord(vmId, vmName, newOwner, newEpoch, bhyveName, pid, pidStart, nmdmUnit, slots, taps);
    }

    public VmRecord withProcess(long newPid, Instant start) {
        return new VmRecord(vmId, vmName, owner, epoch, bhyveName, newPid, start, nmdmUnit, slots, taps);
    }
}
