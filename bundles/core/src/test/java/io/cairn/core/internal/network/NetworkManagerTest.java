package io.cairn.core.internal.network;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.common.UnavailableException;
import io.cairn.api.compute.BootSpec;
import io.cairn.api.compute.NicSpec;
import io.cairn.api.compute.PowerState;
import io.cairn.api.compute.Vm;
import io.cairn.api.compute.VmDetails;
import io.cairn.api.compute.VmListener;
import io.cairn.api.compute.VmPage;
import io.cairn.api.compute.VmQuery;
import io.cairn.api.compute.VmService;
import io.cairn.api.compute.VmSpec;
import io.cairn.api.compute.VmState;
import io.cairn.api.compute.VmStatus;
import io.cairn.api.host.HostCommandException;
import io.cairn.api.network.NetworkDriver;
import io.cairn.api.network.NetworkKind;
import io.cairn.api.network.NetworkSpec;
import io.cairn.api.network.NetworkStatus;
import io.cairn.api.network.NicBinding;
import io.cairn.api.network.NicPort;
import io.cairn.testing.InMemoryConsistentStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The manager's order of checks over a real in-memory store. The driver here only records what the
 * manager asks of it (the OVN driver itself is checked against real OVN by NetworkIT).
 */
class NetworkManagerTest {
    private final InMemoryConsistentStore state = new InMemoryConsistentStore("n1");
    private final NetworkStore store = new NetworkStore(state);
    private final RecordingDriver driver = new RecordingDriver();
    private final List<VmDetails> vms = new ArrayList<>();
    private final NetworkManager manager;

    NetworkManagerTest() {
        NetworkDrivers drivers = new NetworkDrivers();
        drivers.add("ovn", driver);
        manager = new NetworkManager(store, drivers, new ListedVms(vms));
    }

    @Test
    void anMtuTheUnderlayCannotCarryIsRefusedBeforeAnythingChanges() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> manager.create(new NetworkSpec("g", "geneve", null, null, null, 9000, null))).getMessage();
        assertTrue(m.contains("largest that fits is 8942"), m);
        assertEquals(List.of(), driver.calls);
        assertEquals(List.of(), manager.list());
    }

    @Test
    void aNetworkIsRecordedThenRealizedAndATakenNameOrTagIsAConflict() {
        manager.create(new NetworkSpec("office", "vlan", null, 100, null, null, null));
        assertEquals(List.of("apply office"), driver.calls);
        assertThrows(ConflictException.class, () -> manager.create(new NetworkSpec("office", "vlan", null, 101, null, null, null)));
        assertThrows(ConflictException.class, () -> manager.create(new NetworkSpec("lab", "vlan", null, 100, null, null, null)));
        assertEquals(List.of("apply office"), driver.calls);
        assertEquals("office", manager.get("office").network().name());
    }

    @Test
    void aNetworkTheBackendRefusesIsRemovedAgain() {
        driver.refuse = true;
        assertThrows(UnavailableException.class, () -> manager.create(new NetworkSpec("g", "geneve", 7, null, null, null, null)));
        assertThrows(NotFoundException.class, () -> manager.get("g"));
    }

    @Test
    void deleteIsRefusedWhileAVmHasANicOnTheNetwork() {
        manager.create(new NetworkSpec("blue", "geneve", null, null, null, null, "10.50.0.0/24"));
        VmSpec spec = new VmSpec("web", null, 1, 64, List.of(new NicSpec("blue", null)), new BootSpec("k", null, null),
                null, false, null);
        vms.add(new VmDetails(new Vm(UUID.randomUUID(), spec, PowerState.STOPPED, Instant.now()),
                new VmStatus(VmState.STOPPED, "n1", Instant.now(), null), null));
        String m = assertThrows(ConflictException.class, () -> manager.delete("blue")).getMessage();
        assertTrue(m.contains("web"), m);
        vms.clear();
        manager.delete("blue");
        assertTrue(driver.calls.contains("remove blue"), driver.calls.toString());
        assertThrows(NotFoundException.class, () -> manager.delete("blue"));
    }

    @Test
    void aFixedNicAddressMustBeAHostOfTheNetworksSubnet() {
        manager.create(new NetworkSpec("blue", "geneve", null, null, null, null, "10.50.0.0/24"));
        NicPorts ports = new NicPorts(store, new NetworkDrivers());
        ports.check(List.of(new NicSpec("blue", null, "10.50.0.7")));
        for (String bad : List.of("10.50.0.1", "10.50.0.255", "10.51.0.7")) {
            assertThrows(IllegalArgumentException.class, () -> ports.check(List.of(new NicSpec("blue", null, bad))), bad);
        }
    }

    /** Records the calls; refuses apply when told to, as a backend that answers an error. */
    private static final class RecordingDriver implements NetworkDriver {
        final List<String> calls = new ArrayList<>();
        boolean refuse;

        @Override
        public Set<NetworkKind> kinds() {
            return EnumSet.allOf(NetworkKind.class);
        }

        @Override
        public int maxMtu(NetworkKind kind) {
            return kind.overlay() ? 9000 - 58 : 9000;
        }

        @Override
        public void apply(NetworkSpec spec) {
            if (refuse) {
                throw new HostCommandException(List.of("ovn-nbctl", "ls-add"), 1, "refused", "exit code 1", null);
            }
            calls.add("apply " + spec.name());
        }

        @Override
        public void remove(String network) {
            calls.add("remove " + network);
        }

        @Override
        public NetworkStatus observe(NetworkSpec spec) {
            return new NetworkStatus(true, spec.vni(), 0, "");
        }

        @Override
        public NicPort attach(NetworkSpec spec, NicBinding nic) {
            calls.add("attach " + spec.name());
            return new NicPort("br-int", nic.portId(spec.name()), null, spec.mtu());
        }

        @Override
        public void detach(NetworkSpec spec, NicBinding nic) {
            calls.add("detach " + spec.name());
        }

        @Override
        public void applyEdge(NetworkSpec network, io.cairn.api.network.EdgeSpec edge, String gatewayNode, long epoch) {
            calls.add("edge " + network.name() + " on " + gatewayNode);
        }

        @Override
        public void removeEdge(String network) {
            calls.add("remove edge " + network);
        }
    }

    private record ListedVms(List<VmDetails> vms) implements VmService {
        @Override
        public VmPage vms(VmQuery query) {
            // the listed VMs in name order, filtered and paged as the VM service pages them
            List<VmDetails> matching = vms.stream()
                    .filter(v -> query.cursor() == null || v.vm().name().compareTo(query.cursor()) > 0)
                    .filter(v -> query.tenant() == null || query.tenant().equals(v.vm().spec().tenant()))
                    .filter(v -> query.node() == null || v.owner() != null && query.node().equals(v.owner().node()))
                    .filter(v -> query.state() == null || query.state() == v.status().state())
                    .sorted(java.util.Comparator.comparing(v -> v.vm().name())).toList();
            if (matching.size() <= query.limit()) {
                return new VmPage(matching, null);
            }
            List<VmDetails> page = matching.subList(0, query.limit());
            return new VmPage(page, page.get(page.size() - 1).vm().name());
        }

        @Override
        public Optional<VmDetails> vm(String name) {
            return vms.stream().filter(v -> v.vm().name().equals(name)).findFirst();
        }

        @Override
        public void addListener(VmListener listener) {
        }

        @Override
        public void removeListener(VmListener listener) {
        }
    }
}
