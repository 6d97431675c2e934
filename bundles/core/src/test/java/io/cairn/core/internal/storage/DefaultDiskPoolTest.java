package io.cairn.core.internal.storage;

import io.cairn.api.common.UnsatisfiableException;
import io.cairn.api.compute.BootSpec;
import io.cairn.api.compute.VmDisk;
import io.cairn.api.compute.VmSpec;
import io.cairn.api.node.NodeInfo;
import io.cairn.api.node.NodeState;
import io.cairn.api.storage.Image;
import io.cairn.api.storage.ImageService;
import io.cairn.api.storage.NodeDisks;
import io.cairn.api.storage.Pool;
import io.cairn.api.storage.PoolDetails;
import io.cairn.api.storage.PoolHealth;
import io.cairn.api.storage.PoolListener;
import io.cairn.api.storage.PoolMember;
import io.cairn.api.storage.PoolOwnership;
import io.cairn.api.storage.PoolSpec;
import io.cairn.api.storage.PoolStatus;
import io.cairn.api.storage.StorageService;
import io.cairn.api.storage.VolumeBackend;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DefaultDiskPoolTest {
    private static final BootSpec BOOT = new BootSpec("guest/vmlinuz", "guest/initrd.img", "console=ttyS0");
    private static final long GIB = 1L << 30;

    private final List<PoolDetails> pools = new ArrayList<>();
    private final List<Image> images = new ArrayList<>();
    private final List<NodeInfo> nodes = new ArrayList<>(List.of(node("n1", NodeState.UP), node("n2", NodeState.UP),
            node("n3", NodeState.UP)));

    private static NodeInfo node(String name, NodeState state) {
        return new NodeInfo("id-" + name, name, List.of("10.0.0.1"), 2, 4096, 4096, state, Instant.now());
    }

    private void pool(String name, String owner, boolean imported, long size, long allocated) {
        Pool pool = new Pool(new PoolSpec(name, 1, null, false, owner), List.of(new PoolMember("n1", "/d/" + name),
                new PoolMember("n2", "/d/" + name), new PoolMember("n3", "/d/" + name)), 10809, Instant.now());
        PoolStatus status = new PoolStatus(name, owner, 7, imported, PoolHealth.ONLINE, "raidz1", List.of(), null, size,
                allocated, VolumeBackend.FILE, "", Instant.now());
        pools.add(new PoolDetails(pool, new PoolOwnership(name, owner, 7), status));
    }

    private final StorageService storage = new StorageService() {
        @Override
        public List<PoolDetails> pools() {
            return List.copyOf(pools);
        }

        @Override
        public Optional<PoolDetails> pool(String name) {
            return pools.stream().filter(p -> p.pool().spec().name().equals(name)).findFirst();
        }

        @Override
        public List<NodeDisks> disks() {
            return List.of();
        }

        @Override
        public void addListener(PoolListener listener) {
        }

        @Override
        public void removeListener(PoolListener listener) {
        }
    };

    private final ImageService imageService = new ImageService() {
        @Override
        public List<Image> images() {
            return List.copyOf(images);
        }

        @Override
        public Optional<Image> image(String name) {
            return images.stream().filter(i -> i.name().equals(name)).findFirst();
        }
    };

    private static VmSpec spec(String pin, VmDisk... disks) {
        return new VmSpec("db", null, 1, 128, null, BOOT, null, false, pin, List.of(disks));
    }

    /** Placement stand-in: the last candidate by name, so a test sees which nodes were offered. */
    private final List<List<String>> offered = new ArrayList<>();

    private VmSpec resolve(VmSpec spec) {
        return DefaultDiskPool.resolve(spec, nodes, storage, imageService, candidates -> {
            List<String> names = candidates.stream().map(NodeInfo::name).sorted().toList();
            offered.add(names);
            return names.get(names.size() - 1);
        });
    }

    @Test
    void aSpecThatNamesItsPoolOrHasNoDisksIsLeftAlone() {
        VmSpec named = spec(null, new VmDisk("data", "tank", 8));
        assertSame(named, resolve(named));
        VmSpec diskless = new VmSpec("web", null, 1, 128, null, BOOT, null, false, null);
        assertSame(diskless, resolve(diskless));
        assertTrue(offered.isEmpty());
    }

    @Test
    void disksWithoutAPoolGoToTheFreestPoolOfTheNodePlacementPicksAmongImportedPoolOwners() {
        pool("tank", "n1", true, 10 * GIB, GIB);
        pool("big", "n2", true, 10 * GIB, 9 * GIB);
        pool("roomy", "n2", true, 10 * GIB, 2 * GIB);
        pool("cold", "n3", false, 10 * GIB, 0); // not imported: its owner is no candidate
        VmSpec placed = resolve(spec(null, new VmDisk("root", null, 8), new VmDisk("data", null, 16)));
        assertEquals(List.of(List.of("n1", "n2")), offered);
        assertEquals(List.of(new VmDisk("root", "roomy", 8), new VmDisk("data", "roomy", 16)), placed.disks());
    }

    @Test
    void aPinnedVmGetsItsNodesPoolAndANodeThatIsDownOwnsNoCandidate() {
        pool("tank", "n1", true, 10 * GIB, GIB);
        pool("other", "n3", true, 10 * GIB, GIB);
        assertEquals("tank", resolve(spec("n1", new VmDisk("data", null, 8))).diskPool().orElseThrow());
        nodes.set(2, node("n3", NodeState.DOWN));
        assertEquals("tank", resolve(spec(null, new VmDisk("data", null, 8))).diskPool().orElseThrow());
        String refused = assertThrows(UnsatisfiableException.class,
                () -> resolve(spec("n2", new VmDisk("data", null, 8)))).getMessage();
        assertTrue(refused.contains("its node n2 owns an imported pool"), refused);
    }

    @Test
    void withoutAnyImportedPoolTheCreateIsRefusedNamingWhatToDo() {
        pool("cold", "n1", false, 10 * GIB, 0);
        String refused = assertThrows(UnsatisfiableException.class,
                () -> resolve(spec(null, new VmDisk("data", null, 8)))).getMessage();
        assertTrue(refused.contains("no node that is up owns an imported pool") && refused.contains("pool:create"),
                refused);
    }

    @Test
    void aDiskClonedFromAnImageGoesToAPoolHoldingACopy() {
        pool("tank", "n1", true, 10 * GIB, GIB);
        pool("roomy", "n2", true, 10 * GIB, 0);
        pool("third", "n3", true, 10 * GIB, 0);
        images.add(new Image("multi", "tank", List.of("tank", "third"), "raw", 32L << 20, Instant.now()));
        VmSpec twoCopies = new VmSpec("db", null, 1, 128, null, null, null, false, null,
                List.of(new VmDisk("root", null, 64, "multi")));
        assertEquals("third", resolve(twoCopies).diskPool().orElseThrow());
        assertEquals(List.of("n1", "n3"), offered.get(offered.size() - 1), "only owners of pools with a copy");
        VmSpec pinned = new VmSpec("db", null, 1, 128, null, null, null, false, "n2",
                List.of(new VmDisk("root", null, 64, "multi")));
        String refused = assertThrows(UnsatisfiableException.class, () -> resolve(pinned)).getMessage();
        assertTrue(refused.contains("image:copy") && refused.contains("[tank, third]"), refused);
        images.add(new Image("alpine", "tank", "qcow2", 32L << 20, Instant.now()));
        VmSpec fromImage = new VmSpec("db", null, 1, 128, null, null, null, false, null,
                List.of(new VmDisk("root", null, 64, "alpine"), new VmDisk("data", null, 8)));
        assertEquals(List.of(new VmDisk("root", "tank", 64, "alpine"), new VmDisk("data", "tank", 8)),
                resolve(fromImage).disks());
        VmSpec unknown = new VmSpec("db", null, 1, 128, null, null, null, false, null,
                List.of(new VmDisk("root", null, 64, "nope")));
        assertTrue(assertThrows(UnsatisfiableException.class, () -> resolve(unknown)).getMessage()
                .contains("image 'nope' does not exist"));
    }
}
