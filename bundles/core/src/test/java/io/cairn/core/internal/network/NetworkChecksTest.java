package io.cairn.core.internal.network;

import io.cairn.api.common.ConflictException;
import io.cairn.api.network.NetworkSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkChecksTest {
    private static final List<NetworkSpec> EXISTING = List.of(
            new NetworkSpec("blue", "geneve", 5001, null, null, null, null),
            new NetworkSpec("office", "vlan", null, 100, null, null, null),
            new NetworkSpec("tenant-a", "qinq", null, 10, 300, null, null));

    @Test
    void anMtuOverTheBudgetNamesTheLargestThatFits() {
        String m = assertThrows(IllegalArgumentException.class, () -> NetworkChecks.requireMtuFits(
                new NetworkSpec("g", "geneve", null, null, null, 9200, null), 9158)).getMessage();
        assertTrue(m.contains("largest that fits is 9158") && m.contains("GENEVE"), m);
        assertDoesNotThrow(() -> NetworkChecks.requireMtuFits(new NetworkSpec("g", "geneve", null, null, null, 9158, null), 9158));
    }

    @Test
    void vnisTagsAndNamesInUseAreConflicts() {
        assertTrue(conflict(new NetworkSpec("blue", "isolated", null, null, null, null, null)).contains("already exists"));
        assertTrue(conflict(new NetworkSpec("red", "geneve", 5001, null, null, null, null)).contains("'blue'"));
        assertTrue(conflict(new NetworkSpec("lab", "vlan", null, 100, null, null, null)).contains("'office'"));
        assertTrue(conflict(new NetworkSpec("lab", "vlan", null, 300, null, null, null)).contains("'tenant-a'"));
        assertTrue(conflict(new NetworkSpec("t2", "qinq", null, 10, 300, null, null)).contains("S-tag 300 with C-tag 10"));
        assertTrue(conflict(new NetworkSpec("t3", "qinq", null, 5, 100, null, null)).contains("'office'"));
    }

    @Test
    void theSameInnerTagUnderAnotherOuterTagOrAnotherInnerTagIsFine() {
        assertDoesNotThrow(() -> NetworkChecks.requireUnique(new NetworkSpec("t2", "qinq", null, 10, 400, null, null), EXISTING));
        assertDoesNotThrow(() -> NetworkChecks.requireUnique(new NetworkSpec("t3", "qinq", null, 11, 300, null, null), EXISTING));
        assertDoesNotThrow(() -> NetworkChecks.requireUnique(new NetworkSpec("red", "geneve", 5002, null, null, null, null), EXISTING));
    }

    private static String conflict(NetworkSpec spec) {
        return assertThrows(ConflictException.class, () -> NetworkChecks.requireUnique(spec, EXISTING)).getMessage();
    }
}
