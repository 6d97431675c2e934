package io.cairn.core.internal.host;

import io.cairn.api.host.CommandResult;
import io.cairn.api.host.HostCommandException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessHostCommandsTest {
    private final ProcessHostCommands commands = new ProcessHostCommands();

    @Test
    void returnsOutputOfASuccessfulProgram() {
        CommandResult result = commands.run(List.of("printf", "%s|", "a b", "c;d"), Duration.ofSeconds(5));
        assertEquals("a b|c;d|", result.stdout());
        assertEquals(0, result.exitCode());
    }

    @Test
    void failureCarriesExitCodeAndStderr() {
        HostCommandException e = assertThrows(HostCommandException.class,
                () -> commands.run(List.of("sh", "-c", "echo broken disk >&2; exit 3"), Duration.ofSeconds(5)));
        assertEquals(3, e.exitCode());
        assertEquals("broken disk\n", e.stderr());
        assertTrue(e.getMessage().contains("exited with status 3: broken disk"), e.getMessage());
        assertEquals(3, commands.exec(List.of("sh", "-c", "exit 3"), Duration.ofSeconds(5)).exitCode());
    }

    @Test
    void timeoutKillsTheProcessTree() {
        long start = System.nanoTime();
        HostCommandException e = assertThrows(HostCommandException.class,
                () -> commands.run(List.of("sh", "-c", "sleep 30 & sleep 30"), Duration.ofMillis(300)));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
        assertEquals(-1, e.exitCode());
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    }

    @Test
    void missingProgramIsReported() {
        HostCommandException e = assertThrows(HostCommandException.class,
                () -> commands.run(List.of("/nonexistent/program"), Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("could not be started"), e.getMessage());
    }

    @Test
    void refusesEmptyArgvAndNul() {
        assertThrows(IllegalArgumentException.class, () -> commands.run(List.of(), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> commands.run(List.of("echo", "a\0b"), Duration.ofSeconds(1)));
    }
}
