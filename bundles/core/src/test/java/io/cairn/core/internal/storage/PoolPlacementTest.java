package io.cairn.core.internal.storage;

import io.cairn.api.common.UnsatisfiableException;
import io.cairn.api.node.NodeInfo;
import io.cairn.api.node.NodeState;
import io.cairn.api.storage.Pool;
import io.cairn.api.storage.PoolMember;
import io.cairn.api.storage.PoolOwnership;
import io.cairn.api.storage.PoolSpec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoolPlacementTest {
    private static NodeInfo node(String name, NodeState state) {
        return new NodeInfo("id-" + name, name, List.of("10.0.0." + name.substring(1)), 2, 4096, 4096, state, Instant.now());
    }

    private static final List<NodeInfo> THREE = List.of(node("n1", NodeState.UP), node("n2", NodeState.UP),
            node("n3", NodeState.UP));
    private static final Map<String, DisksRecord> ONE_DISK_EACH = Map.of(
            "n1", new DisksRecord("n1", List.of("/d/n1-d0.img")), "n2", new DisksRecord("n2", List.of("/d/n2-d0.img")),
            "n3", new DisksRecord("n3", List.of("/d/n3-d0.img")));

    @Test
    void oneFreeDiskFromEveryNodeAndTheLeastLoadedOwner() {
        Pool existing = new Pool(new PoolSpec("a", 1, null, false, "n1"), List.of(new PoolMember("n1", "/d/x"),
                new PoolMember("n2", "/d/y"), new PoolMember("n3", "/d/z")), 10809, Instant.now());
        PoolPlacement.Layout layout = PoolPlacement.place(new PoolSpec("tank", 1, null, false, null), THREE, ONE_DISK_EACH,
                List.of(existing), Map.of("a", new PoolOwnership("a", "n1", 3)), 10809);
        assertEquals(List.of(new PoolMember("n1", "/d/n1-d0.img"), new PoolMember("n2", "/d/n2-d0.img"),
                new PoolMember("n3", "/d/n3-d0.img")), layout.members());
        assertEquals("n2", layout.owner());
        assertEquals(10810, layout.port());
    }

    @Test
    void redundancyMustStayBelowTheNumberOfNodes() {
        UnsatisfiableException e = assertThrows(UnsatisfiableException.class, () -> PoolPlacement.place(
                new PoolSpec("tank", 3, null, false, null), THREE, ONE_DISK_EACH, List.of(), Map.of(), 10809));
        assertTrue(e.getMessage().contains("needs at least 4 nodes"), e.getMessage());
    }

    @Test
    void aNodeWithoutAFreeDiskIsNamed() {
        Pool used = new Pool(new PoolSpec("a", 1, null, false, "n1"), List.of(new PoolMember("n1", "/d/n1-d0.img"),
                new PoolMember("n2", "/d/n2-d0.img"), new PoolMember("n3", "/d/n3-d0.img")), 10809, Instant.now());
        UnsatisfiableException e = assertThrows(UnsatisfiableException.class, () -> PoolPlacement.place(
                new PoolSpec("b", 1, null, false, null), THREE, ONE_DISK_EACH, List.of(used), Map.of(), 10809));
        assertTrue(e.getMessage().contains("node n1 has no free disk"), e.getMessage());
    }

    @Test
    void aNodeThatIsDownOrOffersNoDiskIsRefused() {
        List<NodeInfo> oneDown = List.of(node("n1", NodeState.UP), node("n2", NodeState.DOWN), node("n3", NodeState.UP));
        assertTrue(assertThrows(UnsatisfiableException.class, () -> PoolPlacement.place(new PoolSpec("b", 1, null, false,
                null), oneDown, ONE_DISK_EACH, List.of(), Map.of(), 10809)).getMessage().contains("n2 is DOWN"));
        assertTrue(assertThrows(UnsatisfiableException.class, () -> PoolPlacement.place(new PoolSpec("b", 1, null, false,
                null), THREE, Map.of("n1", ONE_DISK_EACH.get("n1")), List.of(), Map.of(), 10809)).getMessage()
                .contains("node n2 offers no disks"));
    }

    @Test
    void aRequestedOwnerMustBeANode() {
        assertThrows(UnsatisfiableException.class, () -> PoolPlacement.place(new PoolSpec("b", 1, null, false, "n9"),
                THREE, ONE_DISK_EACH, List.of(), Map.of(), 10809));
    }

    @Test
    void badSpecsAreRefusedByTheRecord() {
        assertThrows(IllegalArgumentException.class, () -> new PoolSpec("a b", 1, null, false, null));
        assertThrows(IllegalArgumentException.class, () -> new PoolSpec("a/b", 1, null, false, null));
        assertThrows(IllegalArgumentException.class, () -> new PoolSpec("raidz", 1, null, false, null));
        assertThrows(IllegalArgumentException.class, () -> new PoolSpec("ok", 4, null, false, null));
        assertThrows(IllegalArgumentException.class, () -> new PoolSpec("ok", 1, "zstd", false, null));
        assertEquals("tank.n2.e7", new PoolOwnership("tank", "n2", 7).exportName());
    }
}
