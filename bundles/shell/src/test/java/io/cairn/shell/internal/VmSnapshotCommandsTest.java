package io.cairn.shell.internal;

import io.cairn.api.common.ConflictException;
import io.cairn.api.compute.BootSpec;
import io.cairn.api.compute.NicSpec;
import io.cairn.api.compute.VmDisk;
import io.cairn.api.compute.VmSpec;
import io.cairn.testing.InMemoryServices;
import io.cairn.testing.InMemoryVmSnapshots;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** vm:snapshot, vm:snapshots, vm:rollback, vm:clone, vm:snapshot-delete and vm:delete --keep-disks. */
class VmSnapshotCommandsTest {
    private final InMemoryServices services = new InMemoryServices();
    private final InMemoryVmSnapshots snapshots = new InMemoryVmSnapshots(services);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @BeforeEach
    void vm() {
        services.create(new VmSpec("db", null, 1, 128, List.of(new NicSpec("lan", "52:54:00:aa:bb:01")),
                new BootSpec("vmlinuz", null, null), null, false, null, List.of(new VmDisk("data", "tank", 64))));
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private <T extends VmSnapshotTaskCommand> T wire(T command, String vm) {
        command.snapshots = snapshots;
        command.out = out;
        command.vm = vm;
        return command;
    }

    private VmSnapshotCommand snapshot(String name) {
        VmSnapshotCommand c = wire(new VmSnapshotCommand(), "db");
        c.snapshot = name;
        return c;
    }

    @Test
    void aSnapshotIsTakenAndListedWithItsSpec() {
        snapshot("s1").execute();
        assertTrue(output().contains("snapshot.snapshot"), output());
        VmSnapshotsCommand list = new VmSnapshotsCommand();
        list.snapshots = snapshots;
        list.out = out;
        list.vm = "db";
        list.execute();
        assertTrue(output().contains("s1") && output().contains("data:64MiB") && output().contains("lan=52:54:00:aa:bb:01"),
                output());
        ConflictException again = assertThrows(ConflictException.class, () -> snapshot("s1").execute());
        assertTrue(again.getMessage().contains("already has a snapshot"), again.getMessage());
        assertThrows(IllegalArgumentException.class, () -> snapshot("a/b").execute());
    }

    @Test
    void rollbackCloneAndDelete() {
        snapshot("s1").execute();
        services.start("db");
        VmRollbackCommand rollback = wire(new VmRollbackCommand(), "db");
        rollback.snapshot = "s1";
        assertTrue(assertThrows(ConflictException.class, rollback::execute).getMessage().contains("stop it"));
        services.stop("db");
        rollback.execute();
        assertTrue(output().contains("snapshot.rollback"), output());

        VmCloneCommand clone = wire(new VmCloneCommand(), "db");
        clone.newName = "db2";
        clone.snapshot = "s1";
        clone.execute();
        assertNotEquals("52:54:00:aa:bb:01", services.vm("db2").orElseThrow().vm().spec().nics().get(0).mac());
        VmSnapshotDeleteCommand delete = wire(new VmSnapshotDeleteCommand(), "db");
        delete.snapshot = "s1";
        assertTrue(assertThrows(ConflictException.class, delete::execute).getMessage().contains("clones depend"));

        VmDeleteCommand vmDelete = new VmDeleteCommand();
        vmDelete.admin = services;
        vmDelete.out = out;
        vmDelete.name = "db2";
        vmDelete.keepDisks = true;
        vmDelete.execute();
        assertEquals(List.of("db2"), services.keptDisks());
    }
}
