package io.cairn.api.compute;

import io.cairn.api.state.StoreOp;

import java.util.List;

/**
 * SPI asked before a VM is created or started (since 1.2): e.g. a licence that caps the cluster's allocation.
 * Core calls every bound implementation (OSGi services, dynamic) and goes ahead only if none refuses.
 */
public interface VmAdmission {
    /** Whether the VM is about to be created (stopped) or started. */
    enum Action { CREATE, START }

    /**
     * Refuses by throwing {@link io.cairn.api.common.UnsatisfiableException} with a message that names the limit
     * and the current use; returns normally to admit.
     *
     * @param action    what is about to happen
     * @param candidate the VM's spec
     * @param running   the specs of the other VMs the cluster is meant to run now (power wanted on)
     */
    void admit(Action action, VmSpec candidate, List<VmSpec> running);

    /**
     * The same question with every other VM of the cluster too, whatever its power state (since 1.4): what a
     * limit on what stopped VMs hold as well (their disks) needs. Core calls this one; the default asks
     * {@link #admit(Action, VmSpec, List)}, so an admission built against 1.2 keeps working unchanged.
     *
     * @param action    what is about to happen
     * @param candidate the VM's spec
     * @param running   the specs of the other VMs the cluster is meant to run now (power wanted on)
     * @param all       the specs of all the other VMs of the cluster, running or stopped (a superset of
     *                  {@code running}); the candidate is in neither
     */
    default void admit(Action action, VmSpec candidate, List<VmSpec> running, List<VmSpec> all) {
        admit(action, candidate, running);
    }

    /**
     * Whether {@link #admit} may refuse anything now (since 1.4), e.g. false while no licence that limits the
     * cluster is installed. Core asks {@code admit} only of active admissions, and only then reads the cluster's
     * allocation and guards the create or start against concurrent admissions, so an inactive one costs nothing.
     */
    default boolean active() {
        return true;
    }

    /**
     * {@link #active()} decided on this node's replica of the store, with no round to the Raft leader (since 1.7),
     * and the store keys at the versions that decision read, as {@link StoreOp#check} conditions. Core commits the
     * create or start with those conditions, so a decision taken on a stale replica (a licence installed a moment
     * ago through another node) never lands: that commit fails, and core asks {@link #active()} instead. The
     * default asks {@link #active()} and adds no condition.
     */
    default Activity localActivity() {
        return new Activity(active(), List.of());
    }

    /**
     * Whether an admission may refuse now and the conditions that decision rests on.
     *
     * @param active     whether {@link #admit} may refuse anything
     * @param conditions checks of the store keys the decision read, at the versions read (none: it read none)
     */
    record Activity(boolean active, List<StoreOp> conditions) {
        public Activity {
            conditions = List.copyOf(conditions);
            if (conditions.stream().anyMatch(c -> !c.checkOnly())) {
                throw new IllegalArgumentException("an admission's conditions must be checks, not writes");
            }
        }
    }
}
