package io.cairn.core.internal.compute;

import io.cairn.api.compute.VmOwnerFence;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.VersionConflictException;
import io.cairn.core.internal.cluster.ClusterMember;
import io.cairn.core.internal.fencing.NodeLease;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Owner-only writes for other bundles (e.g. metering's usage records): the ops go in one commit with a check of
 * each VM's ownership record at the epoch the caller read (the record is left as it is, so the owner's epoch does
 * not move) and a renewal of this node's lease.
 */
@Component(service = VmOwnerFence.class)
public class OwnerFence implements VmOwnerFence {
    @Reference
    private VmStore vms;
    @Reference
    private NodeLease lease;
    @Reference
    private ClusterMember member;

    public OwnerFence() {
    }

    @Override
    public String node() {
        return member.settings().nodeName();
    }

    @Override
    public long commitAsOwner(Map<String, Long> epochs, List<StoreOp> ops) {
        List<StoreOp> all = new ArrayList<>(ops);
        epochs.forEach((name, epoch) -> all.add(vms.ownerCheck(name, epoch)));
        try {
            return lease.commitUnderLease(all);
        } catch (VersionConflictException e) {
            Optional<String> vm = vms.ownerKeyVm(e.key());
            if (vm.isPresent() && epochs.containsKey(vm.get())) {
                throw new OwnershipLostException(vm.get(), "VM '" + vm.get() + "' is no longer owned by " + node()
                        + " at epoch " + epochs.get(vm.get()) + " (" + e.getMessage() + ")");
            }
            throw e;
        }
    }
}
