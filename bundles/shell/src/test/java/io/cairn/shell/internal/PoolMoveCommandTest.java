package io.cairn.shell.internal;

import io.cairn.api.common.UnsatisfiableException;
import io.cairn.api.task.Task;
import io.cairn.api.task.TaskState;
import io.cairn.testing.StorageAdminStandIn;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PoolMoveCommandTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private PoolMoveCommand command(String pool, String node) {
        PoolMoveCommand command = new PoolMoveCommand();
        command.admin = new StorageAdminStandIn() {
            @Override
            public Task movePool(String name, String to) {
                if (!to.equals("n3")) {
                    throw new UnsatisfiableException("node " + to + " is DOWN; a pool moves only to a node that is up");
                }
                return new Task("m0fe", "pool.move", name, "n2", TaskState.QUEUED, 0, "queued on n2", null,
                        Instant.now(), Instant.now());
            }
        };
        command.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        command.pool = pool;
        command.node = node;
        return command;
    }

    @Test
    void printsTheTaskOfTheMove() {
        command("tank", "n3").execute();
        assertEquals("Task m0fe (pool.move tank) queued\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aNodeThatIsDownIsTheServicesRefusal() {
        UnsatisfiableException e = assertThrows(UnsatisfiableException.class, () -> command("tank", "n1").execute());
        assertEquals("node n1 is DOWN; a pool moves only to a node that is up", e.getMessage());
    }
}
