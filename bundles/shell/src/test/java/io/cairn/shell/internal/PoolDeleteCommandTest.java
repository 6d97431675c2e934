package io.cairn.shell.internal;

import io.cairn.api.common.ConflictException;
import io.cairn.api.storage.StorageAdminService;
import io.cairn.testing.StorageAdminStandIn;
import io.cairn.api.task.Task;
import io.cairn.api.task.TaskState;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PoolDeleteCommandTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private PoolDeleteCommand command(String name) {
        PoolDeleteCommand command = new PoolDeleteCommand();
        command.admin = new StorageAdminStandIn() {
            @Override
            public Task deletePool(String pool) {
                if (!pool.equals("tank")) {
                    throw new ConflictException("pool '" + pool + "' cannot be deleted: 1 VM has disks on it: db; "
                            + "delete it first");
                }
                return new Task("de1e", "pool.delete", pool, "n2", TaskState.QUEUED, 0, "queued on n2", null,
                        Instant.now(), Instant.now());
            }
        };
        command.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        command.name = name;
        return command;
    }

    @Test
    void printsTheTaskOfTheDeletion() {
        command("tank").execute();
        assertEquals("Task de1e (pool.delete tank) queued\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aPoolWithVmsIsTheServicesRefusal() {
        ConflictException e = assertThrows(ConflictException.class, () -> command("used").execute());
        assertEquals("pool 'used' cannot be deleted: 1 VM has disks on it: db; delete it first", e.getMessage());
    }
}
