package io.cairn.core.internal.network;

import io.cairn.api.compute.NicSpec;
import io.cairn.api.compute.Vm;
import io.cairn.api.network.Ipv4Subnet;
import io.cairn.api.network.NetworkSpec;
import io.cairn.api.network.NicBinding;
import io.cairn.api.network.NicPort;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A VM's NICs on Cairn networks: checks them when the VM is created, makes their ports on the node
 * that starts the VM (the same port id, MAC and address on every node, so a VM restarted elsewhere
 * keeps its network identity), and removes the ports with the VM. A NIC naming a network that is
 * not recorded is a user-mode NIC.
 */
@Component(service = NicPorts.class)
public class NicPorts {
    private static final Logger LOG = LoggerFactory.getLogger(NicPorts.class);

    @Reference
    private NetworkStore store;
    @Reference
    private NetworkDrivers drivers;

    public NicPorts() {
    }

    /** Outside OSGi (tests). */
    public NicPorts(NetworkStore store, NetworkDrivers drivers) {
        this.store = store;
        this.drivers = drivers;
    }

    /** @throws IllegalArgumentException when a NIC's fixed address is not a host address of its network */
    public void check(List<NicSpec> nics) {
        for (NicSpec nic : nics) {
            Optional<NetworkSpec> network = store.get(nic.network()).map(e -> e.network().spec());
            if (nic.address() == null || network.isEmpty()) {
                continue;
            }
            Ipv4Subnet subnet = network.get().ipv4Subnet();
            if (subnet == null) {
                throw new IllegalArgumentException("nic address " + nic.address() + ": network '" + nic.network()
                        + "' has no subnet");
            }
            int address = Ipv4Subnet.address(nic.address(), "nic address");
            if (!subnet.containsHost(address) || address == subnet.gateway()) {
                throw new IllegalArgumentException("nic address " + nic.address() + " is not a host address of network '"
                        + nic.network() + "' (" + subnet + ", gateway " + subnet.gatewayAddress() + " excluded)");
            }
        }
    }

    /** The ports of the VM's NICs on this node, in NIC order; null for a user-mode NIC. */
    public List<NicPort> attach(Vm vm) {
        List<NicPort> ports = new ArrayList<>();
        for (NicSpec nic : vm.spec().nics()) {
            Optional<NetworkSpec> network = store.get(nic.network()).map(e -> e.network().spec());
            if (network.isEmpty()) {
                LOG.info("VM {}: NIC {} names network '{}', which is not recorded: user-mode NIC", vm.name(), nic.mac(),
                        nic.network());
                ports.add(null);
                continue;
            }
            ports.add(drivers.forKind(network.get().networkKind())
                    .attach(network.get(), new NicBinding(vm.name(), nic.mac(), nic.address())));
        }
        return ports;
    }

    /** Removes the VM's ports; a port that cannot be removed now is logged and left. */
    public void release(Vm vm) {
        for (NicSpec nic : vm.spec().nics()) {
            try {
                Optional<NetworkSpec> network = store.get(nic.network()).map(e -> e.network().spec());
                if (network.isPresent()) {
                    drivers.forKind(network.get().networkKind())
                            .detach(network.get(), new NicBinding(vm.name(), nic.mac(), nic.address()));
                }
            } catch (RuntimeException e) {
                LOG.warn("VM {}: port of NIC {} on network {} not removed, it stays in the backend: {}", vm.name(),
                        nic.mac(), nic.network(), e.getMessage());
            }
        }
    }
}
