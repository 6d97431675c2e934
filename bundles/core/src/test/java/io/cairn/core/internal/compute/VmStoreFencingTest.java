package io.cairn.core.internal.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.common.ConflictException;
import io.cairn.api.compute.BootSpec;
import io.cairn.api.compute.Ownership;
import io.cairn.api.compute.PowerState;
import io.cairn.api.compute.Vm;
import io.cairn.api.compute.VmSpec;
import io.cairn.api.node.NodeInfo;
import io.cairn.api.node.NodeListener;
import io.cairn.api.node.NodeService;
import io.cairn.api.node.NodeState;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.VersionConflictException;
import io.cairn.testing.InMemoryConsistentStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fencing rules of the VM keyspace, over a store that honours the Raft store's conditions. */
class VmStoreFencingTest {
    private static final String LEASE_N1 = "lease/n1";

    private InMemoryConsistentStore store;
    private VmStore vms;
    private final List<VmEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        store = new InMemoryConsistentStore("n1");
        vms = new VmStore(store);
        vms.addListener(events::add);
    }

    @Test
    void aClaimGivesAHigherEpochAndAStaleEpochIsRefused() {
        Ownership created = vms.create(vm("web1", true), "n1");
        long lease = store.put(LEASE_N1, "{}", StoreOp.ABSENT);
        Ownership claimed = vms.claim("web1", created, ops -> underLease(ops, lease));
        assertTrue(claimed.epoch() > created.epoch(), "epochs must grow: " + created + " -> " + claimed);
        // the old epoch is stale now: a second claim with it is refused, nothing applied
        long before = store.health().commitIndex();
        assertThrows(ConflictException.class, () -> vms.claim("web1", created, store::commit));
        assertEquals(before, store.health().commitIndex());
    }

    @Test
    void aClaimAndAnExpiryExcludeEachOther() throws Exception {
        Ownership created = vms.create(vm("web2", true), "n1");
        long lease = store.put(LEASE_N1, "{}", StoreOp.ABSENT);
        Failover failover = failover(vms, "n1", "n2", "n3");

        // expiry first: the dead node's claim, conditional on the lease it held, is refused
        List<StoreOp> expiry = new ArrayList<>(List.of(StoreOp.delete(LEASE_N1, lease)));
        List<String> moved = failover.onExpiry("n1", Set.of("n2", "n3"), expiry);
        assertEquals(1, moved.size(), moved.toString());
        store.commit(expiry);
        assertThrows(ConflictException.class, () -> vms.claim("web2", created, ops -> underLease(ops, lease)));
        Ownership now = vms.owner("web2").orElseThrow();
        assertTrue(Set.of("n2", "n3").contains(now.node()), "moved to a live node: " + now);
        assertTrue(now.epoch() > created.epoch());

        // claim first: the expiry prepared from the older lease version is refused as a whole
        Ownership created3 = vms.create(vm("web3", true), "n2");
        long lease2 = store.put("lease/n2", "{}", StoreOp.ABSENT);
        List<StoreOp> expiry2 = new ArrayList<>(List.of(StoreOp.delete("lease/n2", lease2)));
        failover.onExpiry("n2", Set.of("n3"), expiry2);
        vms.claim("web3", created3, ops -> underLease(ops, "lease/n2", lease2));
        VersionConflictException refused = assertThrows(VersionConflictException.class, () -> store.commit(expiry2));
        assertTrue(refused.key().startsWith("lease/n2") || refused.key().startsWith("owner/"), refused.getMessage());
        assertEquals("n2", vms.owner("web3").orElseThrow().node(), "a refused expiry moved nothing");
    }

    @Test
    void failoverMovesOnlyTheDeadNodesHaVmsAndOnlyToLiveNodes() throws Exception {
        vms.create(vm("ha1", true), "n1");
        vms.create(vm("plain1", false), "n1");
        vms.create(vm("ha2", true), "n2");
        Failover failover = failover(vms, "n1", "n2", "n3");
        List<StoreOp> ops = new ArrayList<>();
        List<String> moved = failover.onExpiry("n1", Set.of("n3"), ops);
        assertEquals(List.of("ha1 -> n3"), moved);
        assertEquals(1, ops.size());
        assertEquals("owner/ha1", ops.get(0).key());
        assertTrue(ops.get(0).expectedVersion() > 0, "a move is conditional on the epoch it replaces");
    }

    @Test
    void aRequestIsTakenOnceAndClearedAfter() {
        vms.create(vm("r1", true), "n1");
        VmStore.Entry entry = vms.require("r1");
        vms.request(entry, entry.vm(), new VmRequestRecord("req-1", VmRequestRecord.REBOOT, null));
        VmStore.Request pending = vms.request("r1").orElseThrow();
        VmStore.Request taken = vms.take("r1", pending, "n1", store::commit);
        assertEquals("n1", taken.request().takenBy());
        // a second taker with the queued version is refused: the request acts once
        assertThrows(VersionConflictException.class, () -> vms.take("r1", pending, "n2", store::commit));
        vms.finish("r1", taken);
        assertTrue(vms.request("r1").isEmpty());
    }

    @Test
    void onlyVmKeysMakeTypedEventsAndLeaseRenewalsWakeNobody() {
        vms.create(vm("e1", true), "n1");
        assertEquals(List.of(new VmEvent(VmEvent.Kind.SPEC_CHANGED, "e1"), new VmEvent(VmEvent.Kind.OWNER_CHANGED, "e1")),
                events);
        events.clear();
        long v = store.put(LEASE_N1, "{}", StoreOp.ABSENT);
        for (int i = 0; i < 10; i++) {
            v = store.put(LEASE_N1, "{}", v);
        }
        assertTrue(events.isEmpty(), "lease renewals made VM events: " + events);
        vms.delete(vms.require("e1"), List.of());
        assertTrue(events.contains(new VmEvent(VmEvent.Kind.REMOVED, "e1")), events.toString());
    }

    // ------------------------------------------------------------------ helpers

    private long underLease(List<StoreOp> ops, long leaseVersion) {
        return underLease(ops, LEASE_N1, leaseVersion);
    }

    private long underLease(List<StoreOp> ops, String leaseKey, long leaseVersion) {
        List<StoreOp> all = new ArrayList<>(ops);
        all.add(StoreOp.put(leaseKey, "{}", leaseVersion));
        return store.commit(all);
    }

    private static Vm vm(String name, boolean ha) {
        VmSpec spec = new VmSpec(name, null, 1, 128, List.of(), new BootSpec("vmlinuz", null, null), null, ha, null);
        return new Vm(UUID.randomUUID(), spec, PowerState.RUNNING, Instant.now());
    }

    private static Failover failover(VmStore vms, String... nodes) throws Exception {
        return new Failover(vms, new FixedNodes(nodes), 0);
    }

    private record FixedNodes(String... names) implements NodeService {
        @Override
        public List<NodeInfo> nodes() {
            List<NodeInfo> out = new ArrayList<>();
            for (String n : names) {
                out.add(new NodeInfo("id-" + n, n, List.of("127.0.0.1"), 4, 8192, 8192, NodeState.UP, Instant.now()));
            }
            return out;
        }

        @Override
        public Optional<NodeInfo> node(String name) {
            return nodes().stream().filter(n -> n.name().equals(name)).findFirst();
        }

        @Override
        public NodeInfo localNode() {
            return nodes().get(0);
        }

        @Override
        public void addListener(NodeListener listener) {
        }

        @Override
        public void removeListener(NodeListener listener) {
        }
    }
}
