package io.cairn.core.internal.storage;

import io.cairn.api.common.UnavailableException;
import io.cairn.api.compute.DomainDisk;
import io.cairn.api.compute.Vm;
import io.cairn.api.compute.VmDisk;
import io.cairn.api.storage.StorageDriver;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A VM's disks on this node: each {@link VmDisk} as a volume of its pool, made (empty, or cloned
 * from the disk's image) at the VM's first start and found again afterwards, resolved to the path QEMU opens. Only where the pool is
 * imported (its owner); anywhere else the start waits ({@link UnavailableException}).
 */
@Component(service = PoolVolumes.class, configurationPid = StorageNodeConfig.PID)
public class PoolVolumes {
    private static final Logger LOG = LoggerFactory.getLogger(PoolVolumes.class);
    static final String BUS = "virtio";

    private final Map<String, StorageDriver> drivers = new ConcurrentHashMap<>();
    private volatile String driverName = "zfs";

    public PoolVolumes() {
    }

    /** Outside OSGi (tests): with one driver. */
    PoolVolumes(String driverName, StorageDriver driver) {
        this.driverName = driverName;
        drivers.put(driverName, driver);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStorageDriver(StorageDriver driver, Map<String, Object> properties) {
        drivers.put(String.valueOf(properties.get("cairn.driver")), driver);
    }

    void unbindStorageDriver(StorageDriver driver, Map<String, Object> properties) {
        drivers.remove(String.valueOf(properties.get("cairn.driver")), driver);
    }

    @Activate
    void activate(StorageNodeConfig config) {
        driverName = config.driver();
    }

    /** This node's storage driver (the configured {@code driver}), while it is bound. */
    java.util.Optional<StorageDriver> driver() {
        return java.util.Optional.ofNullable(drivers.get(driverName));
    }

    /** The VM's disks, in its spec's order, made where missing; empty for a VM without disks. */
    public List<DomainDisk> attach(Vm vm) {
        if (vm.spec().disks().isEmpty()) {
            return List.of();
        }
        StorageDriver driver = drivers.get(driverName);
        if (driver == null) {
            throw new UnavailableException("VM " + vm.name() + " has disks but this node has no storage driver '"
                    + driverName + "'");
        }
        String pool = vm.spec().diskPool().orElseThrow();
        if (!driver.importedPools().contains(pool)) {
            throw new UnavailableException("VM " + vm.name() + "'s disks are on pool " + pool
                    + ", which is not imported on this node; a VM with disks runs on its pool's owner");
        }
        List<String> existing = driver.volumes(pool);
        List<DomainDisk> out = new ArrayList<>();
        for (VmDisk disk : vm.spec().disks()) {
            String volume = disk.volume(vm.id());
            Path path;
            if (existing.contains(volume)) {
                path = driver.volumePath(pool, volume);
                if (!java.nio.file.Files.exists(path)) {
                    // never an empty disk in place of a lost one
                    throw new IllegalStateException("volume " + pool + "/" + volume + " of disk " + disk.name()
                            + " of VM " + vm.name() + " exists, but its " + path + " is missing");
                }
            } else if (disk.image() != null) {
                long started = System.nanoTime();
                path = driver.cloneImage(pool, disk.image(), volume, disk.sizeBytes());
                LOG.info("Cloned image {} into volume {}/{} ({} MiB) for disk {} of VM {} in {} ms", disk.image(), pool,
                        volume, disk.sizeMiB(), disk.name(), vm.name(), (System.nanoTime() - started) / 1_000_000);
            } else {
                path = driver.createVolume(pool, volume, disk.sizeBytes());
                LOG.info("Made volume {}/{} ({} MiB) for disk {} of VM {}", pool, volume, disk.sizeMiB(), disk.name(),
                        vm.name());
            }
            out.add(new DomainDisk(path, BUS, false));
        }
        return out;
    }
}
