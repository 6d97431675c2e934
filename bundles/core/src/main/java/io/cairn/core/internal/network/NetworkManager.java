package io.cairn.core.internal.network;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.common.UnavailableException;
import io.cairn.api.compute.VmDetails;
import io.cairn.api.compute.VmService;
import io.cairn.api.host.HostCommandException;
import io.cairn.api.network.Network;
import io.cairn.api.network.NetworkAdminService;
import io.cairn.api.network.NetworkDetails;
import io.cairn.api.network.NetworkDriver;
import io.cairn.api.network.NetworkService;
import io.cairn.api.network.NetworkSpec;
import io.cairn.api.network.NetworkStatus;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The network service of every node: checks a new network against the underlay and the recorded
 * networks before anything changes, records it in the consistent store, then realizes it through the
 * driver for its kind (a network the backend refuses is removed again). Delete refuses while a VM
 * has a NIC on the network.
 */
@Component(service = {NetworkService.class, NetworkAdminService.class})
public class NetworkManager implements NetworkService, NetworkAdminService {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkManager.class);

    @Reference
    private NetworkStore store;
    @Reference
    private NetworkDrivers drivers;
    @Reference
    private VmService vms;

    public NetworkManager() {
    }

    /** Outside OSGi (tests). */
    NetworkManager(NetworkStore store, NetworkDrivers drivers, VmService vms) {
        this.store = store;
        this.drivers = drivers;
        this.vms = vms;
    }

    @Override
    public NetworkDetails create(NetworkSpec spec) {
        NetworkDriver driver = drivers.forKind(spec.networkKind());
        NetworkChecks.requireMtuFits(spec, driver.maxMtu(spec.networkKind()));
        NetworkChecks.requireUnique(spec, store.list().stream().map(e -> e.network().spec()).toList());
        Network network = new Network(UUID.randomUUID(), spec, Instant.now());
        store.create(network);
        try {
            driver.apply(spec);
        } catch (HostCommandException e) {
            LOG.warn("Network {} refused by its backend; removing its record: {}", spec.name(), e.getMessage());
            store.get(spec.name()).ifPresent(store::delete);
            driver.remove(spec.name());
            throw new UnavailableException("the network backend refused network '" + spec.name() + "': " + e.getMessage());
        }
        LOG.info("Created {} network {} (mtu {})", spec.kind(), spec.name(), spec.mtu());
        return details(network, driver);
    }

    @Override
    public void delete(String name) {
        NetworkStore.Entry entry = store.get(name)
                .orElseThrow(() -> new NotFoundException("no network named '" + name + "'"));
        List<String> users = vms.vms().stream().map(VmDetails::vm)
                .filter(vm -> vm.spec().nics().stream().anyMatch(n -> n.network().equals(name)))
                .map(vm -> vm.name()).sorted().toList();
        if (!users.isEmpty()) {
            throw new ConflictException("network '" + name + "' has NICs of VM(s) " + String.join(", ", users)
                    + "; delete them or their NICs first");
        }
        NetworkDriver driver = drivers.forKind(entry.network().spec().networkKind());
        store.delete(entry);
        driver.remove(name);
        LOG.info("Deleted network {}", name);
    }

    @Override
    public List<NetworkDetails> list() {
        return store.list().stream().map(e -> details(e.network())).toList();
    }

    @Override
    public NetworkDetails get(String name) {
        return store.get(name).map(e -> details(e.network()))
                .orElseThrow(() -> new NotFoundException("no network named '" + name + "'"));
    }

    private NetworkDetails details(Network network) {
        try {
            return details(network, drivers.forKind(network.spec().networkKind()));
        } catch (UnavailableException e) {
            return new NetworkDetails(network, new NetworkStatus(false, network.spec().vni(), 0, e.getMessage()));
        }
    }

    private static NetworkDetails details(Network network, NetworkDriver driver) {
        NetworkStatus status;
        try {
            status = driver.observe(network.spec());
        } catch (HostCommandException e) {
            status = new NetworkStatus(false, network.spec().vni(), 0, "backend unreachable: " + e.getMessage());
        }
        return new NetworkDetails(network, status);
    }
}
