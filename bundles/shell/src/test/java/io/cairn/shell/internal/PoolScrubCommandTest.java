package io.cairn.shell.internal;

import io.cairn.api.common.NotFoundException;
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

/** pool:scrub: one service call, its task printed; the service's refusal is the command's error. */
class PoolScrubCommandTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private PoolScrubCommand command(String name) {
        PoolScrubCommand command = new PoolScrubCommand();
        command.admin = new StorageAdminStandIn() {
            @Override
            public Task scrub(String pool) {
                if (!pool.equals("tank")) {
                    throw new NotFoundException("no pool named '" + pool + "'");
                }
                return new Task("7e57", "pool.scrub", pool, "n2", TaskState.QUEUED, 0, "queued on n2", null,
                        Instant.now(), Instant.now());
            }
        };
        command.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        command.name = name;
        return command;
    }

    @Test
    void printsTheTaskOfTheScrub() {
        command("tank").execute();
        assertEquals("Task 7e57 (pool.scrub tank) queued\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownPoolIsTheServicesError() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> command("nope").execute());
        assertEquals("no pool named 'nope'", e.getMessage());
    }

    @Test
    void withoutTheServiceItSaysWhatIsMissing() {
        PoolScrubCommand command = command("tank");
        command.admin = null;
        IllegalStateException e = assertThrows(IllegalStateException.class, command::execute);
        assertEquals("the storage admin service is not available on this node yet", e.getMessage());
    }
}
