package io.cairn.core.internal.compute;

import io.cairn.api.common.NotFoundException;
import io.cairn.api.compute.BootSpec;
import io.cairn.api.compute.PowerState;
import io.cairn.api.compute.Vm;
import io.cairn.api.compute.VmAnnotation;
import io.cairn.api.compute.VmSpec;
import io.cairn.testing.InMemoryConsistentStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VmAnnotationManagerTest {
    private final InMemoryConsistentStore store = new InMemoryConsistentStore("n1");
    private final VmStore vms = new VmStore(store);
    private final VmAnnotationManager manager = new VmAnnotationManager(vms, new VmAnnotationStore(store));

    private List<String> keys() {
        return store.list("").stream().map(io.cairn.api.state.Versioned::key).toList();
    }

    private Vm create(String name) {
        Vm vm = new Vm(UUID.randomUUID(), new VmSpec(name, null, 1, 64, null, new BootSpec("k", null, null), null,
                false, null), PowerState.STOPPED, Instant.now());
        vms.create(vm, "n1");
        return vm;
    }

    @Test
    void annotationsAreRegistersWithGrowingVersions() {
        create("web");
        VmAnnotation first = manager.annotate("web", "owner", "team-a");
        VmAnnotation second = manager.annotate("web", "owner", "team-b");
        assertTrue(second.version() > first.version());
        assertEquals(second, manager.annotation("web", "owner").orElseThrow());
        manager.annotate("web", "cost-centre", "42 ✓");
        assertEquals(List.of("cost-centre", "owner"), manager.annotations("web").stream().map(VmAnnotation::key).toList());
        assertTrue(manager.removeAnnotation("web", "owner"));
        assertFalse(manager.removeAnnotation("web", "owner"));
        assertTrue(manager.annotation("web", "owner").isEmpty());
    }

    @Test
    void anUnknownVmIsNotFound() {
        assertThrows(NotFoundException.class, () -> manager.annotate("nosuch", "k", "v"));
        assertThrows(NotFoundException.class, () -> manager.annotation("nosuch", "k"));
        assertThrows(NotFoundException.class, () -> manager.annotations("Not/A/Name"));
        assertTrue(keys().isEmpty(), "nothing written: " + keys());
    }

    @Test
    void keysAndValuesAreValidated() {
        create("web");
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
                () -> manager.annotate("web", "Bad_Key", "v"));
        assertTrue(key.getMessage().contains("annotation key must be a DNS label"), key.getMessage());
        assertThrows(IllegalArgumentException.class, () -> manager.annotate("web", "a".repeat(64), "v"));
        manager.annotate("web", "a".repeat(63), "x".repeat(VmAnnotation.MAX_VALUE_LENGTH));
        IllegalArgumentException longValue = assertThrows(IllegalArgumentException.class,
                () -> manager.annotate("web", "k", "x".repeat(VmAnnotation.MAX_VALUE_LENGTH + 1)));
        assertTrue(longValue.getMessage().contains("at most 1024 characters, was 1025"), longValue.getMessage());
        // 1024 characters outside the BMP are 2048 UTF-16 units: still allowed
        manager.annotate("web", "emoji", "\uD83D\uDE00".repeat(VmAnnotation.MAX_VALUE_LENGTH));
        assertThrows(IllegalArgumentException.class, () -> manager.annotate("web", "k", "line\nbreak"));
        assertThrows(IllegalArgumentException.class, () -> manager.annotate("web", "k", "half \uD83D"));
        assertThrows(IllegalArgumentException.class, () -> manager.annotate("web", "k", null));
    }

    @Test
    void deletingTheVmDeletesItsAnnotationsInTheSameCommit() {
        create("web");
        create("db");
        manager.annotate("web", "a", "1");
        manager.annotate("web", "b", "2");
        manager.annotate("db", "a", "3");
        vms.delete(vms.require("web"), new VmAnnotationStore(store).deleteAll("web"));
        assertEquals(List.of("annotation/db/a", "owner/db", "vm/db"), keys());
    }

    @Test
    void aLaterVmOfTheSameNameNeverSeesAnEarlierOnesAnnotations() {
        Vm old = create("web");
        // an annotation written for the old VM after the VM's deletion listed its annotations
        vms.delete(vms.require("web"), List.of());
        new VmAnnotationStore(store).put(old.id(), "web", "stale", "left over");
        create("web");
        assertTrue(manager.annotation("web", "stale").isEmpty());
        assertTrue(manager.annotations("web").isEmpty());
        assertFalse(manager.removeAnnotation("web", "stale"));
        // and it goes when this VM is deleted
        vms.delete(vms.require("web"), new VmAnnotationStore(store).deleteAll("web"));
        assertTrue(keys().isEmpty(), keys().toString());
    }
}
