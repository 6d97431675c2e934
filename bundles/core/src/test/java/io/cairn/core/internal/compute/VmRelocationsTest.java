package io.cairn.core.internal.compute;

import io.cairn.api.compute.Ownership;
import io.cairn.api.compute.PowerState;
import io.cairn.api.compute.Vm;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.VersionConflictException;
import io.cairn.testing.InMemoryConsistentStore;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The VM side of a pool move: ownership writes on the epoch read, and which domains still live here. */
class VmRelocationsTest {
    private final InMemoryConsistentStore raw = new InMemoryConsistentStore("n1");
    private final VmStore vms = new VmStore(raw);
    private final CoreFakes.Driver driver = new CoreFakes.Driver();
    private final VmRelocations relocations = new VmRelocations(vms, driver);

    @Test
    void handsTheVmsNotYetOnTheTargetToItAtAHigherEpoch() {
        Vm a = CoreFakes.vm("a", false, PowerState.RUNNING);
        Vm b = CoreFakes.vm("b", true, PowerState.STOPPED);
        Ownership ownerA = vms.create(a, "n1");
        vms.create(b, "n2");

        List<StoreOp> ops = relocations.handTo(List.of("a", "b", "gone"), "n2");
        assertEquals(1, ops.size(), "b is on n2 already and gone does not exist: " + ops);
        raw.commit(ops);
        Ownership moved = vms.owner("a").orElseThrow();
        assertEquals("n2", moved.node());
        assertEquals(a.id(), moved.vmId());
        assertTrue(moved.epoch() > ownerA.epoch(), "the epoch rose: " + moved);
        // the same writes again are refused: they were conditional on the epoch they read
        assertThrows(VersionConflictException.class, () -> raw.commit(ops));
    }

    @Test
    void aliveHereAreTheVmsWithADomainOnThisNodeThatIsNotShutOff() {
        Vm a = CoreFakes.vm("a", false, PowerState.RUNNING);
        Vm b = CoreFakes.vm("b", false, PowerState.RUNNING);
        vms.create(a, "n1");
        vms.create(b, "n1");
        driver.running(a, "n1", 1);
        assertEquals(List.of("a"), relocations.aliveHere(List.of("a", "b")));
        driver.destroy(a.id());
        assertEquals(List.of(), relocations.aliveHere(List.of("a", "b")));
    }
}
