package io.cairn.core.internal.compute;

import io.cairn.api.compute.ComputeDriver;
import io.cairn.api.compute.DomainState;
import io.cairn.api.compute.Ownership;
import io.cairn.api.state.StoreOp;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hands VMs to another node on behalf of a pool that moves there (a planned move, not a failover):
 * the ownership writes, which the mover commits under its lease, and whether their domains are
 * still alive on this node. The VM keyspace stays {@link VmStore}'s; this only asks it.
 */
@Component(service = VmRelocations.class)
public class VmRelocations {
    @Reference
    private VmStore vms;
    private final List<ComputeDriver> drivers = new CopyOnWriteArrayList<>();

    public VmRelocations() {
    }

    /** Outside OSGi (tests). */
    VmRelocations(VmStore vms, ComputeDriver driver) {
        this.vms = vms;
        drivers.add(driver);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDriver(ComputeDriver driver) {
        drivers.add(driver);
    }

    void unbindDriver(ComputeDriver driver) {
        drivers.remove(driver);
    }

    /**
     * The writes that hand each of {@code names} not owned by {@code target} yet to it, each conditional
     * on the epoch read now (linearizably): a VM moved or deleted meanwhile fails the commit. Their
     * epochs rise, so the old owner can never start them again; it powers off their domains.
     */
    public List<StoreOp> handTo(Collection<String> names, String target) {
        List<StoreOp> ops = new ArrayList<>();
        for (String name : names) {
            Optional<Ownership> owner = vms.owner(name);
            if (owner.isPresent() && !owner.get().node().equals(target)) {
                ops.add(vms.move(name, owner.get().vmId(), target, owner.get().epoch()));
            }
        }
        return ops;
    }

    /** Those of {@code names} whose domain is still alive on this node (anything but shut off). */
    public List<String> aliveHere(Collection<String> names) {
        List<String> alive = new ArrayList<>();
        var known = vms.localVms();
        for (String name : names) {
            VmStore.Entry entry = known.get(name);
            if (entry == null) {
                continue;
            }
            for (ComputeDriver driver : drivers) {
                if (driver.domain(entry.vm().id()).filter(d -> d.state() != DomainState.SHUTOFF).isPresent()) {
                    alive.add(name);
                    break;
                }
            }
        }
        return alive;
    }
}
