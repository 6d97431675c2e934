package io.cairn.core.internal.storage;

import io.cairn.api.common.UnavailableException;
import io.cairn.api.common.UnsatisfiableException;
import io.cairn.api.compute.VmDisk;
import io.cairn.api.compute.VmSpec;
import io.cairn.api.node.NodeInfo;
import io.cairn.api.node.NodeState;
import io.cairn.api.storage.Image;
import io.cairn.api.storage.ImageService;
import io.cairn.api.storage.PoolDetails;
import io.cairn.api.storage.StorageService;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Picks the pool of a new VM whose disks name none: the home pool (the one with the most free
 * space) of the node placement picks among the owners of imported pools, and of those only pools
 * holding a copy of the image a disk is cloned from. The stored spec names the pool chosen, so the VM stays
 * with it.
 */
public final class DefaultDiskPool {
    private DefaultDiskPool() {
    }

    /**
     * @param place picks a node among the candidates offered, as placement does for any VM
     * @throws UnsatisfiableException when no pool can take the disks (422, naming why)
     */
    public static VmSpec resolve(VmSpec spec, List<NodeInfo> nodes, StorageService storage, ImageService images,
                                 Function<List<NodeInfo>, String> place) {
        if (!spec.needsDiskPool()) {
            return spec;
        }
        if (storage == null) {
            throw new UnavailableException("storage is not available on this node: VM " + spec.name()
                    + " has disks and cannot be created now");
        }
        Optional<VmDisk> cloned = spec.disks().stream().filter(d -> d.image() != null).findFirst();
        Optional<Image> image = cloned.map(d -> image(d, images));
        Set<String> up = nodes.stream().filter(n -> n.state() == NodeState.UP).map(NodeInfo::name)
                .collect(Collectors.toSet());
        List<PoolDetails> usable = storage.pools().stream()
                .filter(p -> p.status() != null && p.status().imported() && p.status().sizeBytes() > 0)
                .filter(p -> up.contains(p.owner().node()))
                .filter(p -> spec.node() == null || spec.node().equals(p.owner().node()))
                .filter(p -> image.isEmpty() || image.get().isOn(p.pool().spec().name()))
                .toList();
        if (usable.isEmpty() && image.isPresent()) {
            throw new UnsatisfiableException("disk " + cloned.get().name() + " names no pool, and none of the pools "
                    + "holding image " + image.get().name() + " " + image.get().pools() + " is imported by "
                    + (spec.node() == null ? "a node that is up" : "its node " + spec.node())
                    + "; copy the image (image:copy) or name the disks' pool");
        }
        if (usable.isEmpty()) {
            throw new UnsatisfiableException("VM " + spec.name() + " has disks that name no pool, and "
                    + (spec.node() == null ? "no node that is up" : "its node " + spec.node())
                    + " owns an imported pool; create one (pool:create) or name the disks' pool");
        }
        Map<String, List<PoolDetails>> byOwner = usable.stream()
                .collect(Collectors.groupingBy(p -> p.owner().node()));
        String node = place.apply(nodes.stream().filter(n -> byOwner.containsKey(n.name())).toList());
        PoolDetails home = byOwner.get(node).stream()
                .min(Comparator.comparingLong(DefaultDiskPool::free).reversed()
                        .thenComparing(p -> p.pool().spec().name()))
                .orElseThrow();
        return spec.withDiskPool(home.pool().spec().name());
    }

    private static Image image(VmDisk disk, ImageService images) {
        if (images == null) {
            throw new UnavailableException("images are not available on this node: disk " + disk.name()
                    + " is cloned from an image and cannot be placed now");
        }
        return images.image(disk.image()).orElseThrow(() -> new UnsatisfiableException("disk " + disk.name()
                + ": image '" + disk.image() + "' does not exist (see GET /images)"));
    }

    private static long free(PoolDetails pool) {
        return pool.status().sizeBytes() - pool.status().allocatedBytes();
    }
}
