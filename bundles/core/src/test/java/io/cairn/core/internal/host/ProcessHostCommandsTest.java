package io.cairn.core.internal.host;

import io.cairn.api.host.CommandResult;
import io.cairn.api.host.HostCommandException;
import io.cairn.api.host.HostProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
    void startedProgramReportsItsPidOutputAndExitStatus(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("out.log");
        Files.writeString(log, "before\n");
        HostProcess p = commands.start(List.of("sh", "-c", "echo out; echo err >&2; exit 2"), log);
        assertTrue(p.pid() > 0);
        assertEquals(2, p.onExit().get(10, TimeUnit.SECONDS));
        assertEquals("before\nout\nerr\n", Files.readString(log));
    }

    @Test
    void killedProgramEndsWithTheSignalStatus(@TempDir Path dir) throws Exception {
        HostProcess p = commands.start(List.of("sleep", "30"), dir.resolve("out.log"));
        assertTrue(p.isAlive());
        p.kill();
        assertEquals(128 + 9, p.onExit().get(10, TimeUnit.SECONDS));
        assertTrue(!p.isAlive());
    }

    @Test
    void refusesEmptyArgvAndNul() {
        assertThrows(IllegalArgumentException.class, () -> commands.run(List.of(), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> commands.run(List.of("echo", "a\0b"), Duration.ofSeconds(1)));
    }

    @Test
    void pipeStreamsInputThroughTheProgramToOutput() {
        byte[] data = new byte[3 << 20];
        new java.util.Random(7).nextBytes(data);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        CommandResult result = commands.pipe(List.of("cat"), new java.io.ByteArrayInputStream(data), out,
                Duration.ofSeconds(20));
        assertEquals(0, result.exitCode());
        assertTrue(java.util.Arrays.equals(data, out.toByteArray()), "the bytes came through unchanged");
    }

    @Test
    void pipeFailureCarriesStderrAndABrokenInputKillsTheProgram() {
        HostCommandException e = assertThrows(HostCommandException.class, () -> commands.pipe(
                List.of("sh", "-c", "echo no space >&2; exit 4"), null, new java.io.ByteArrayOutputStream(),
                Duration.ofSeconds(5)));
        assertEquals(4, e.exitCode());
        assertTrue(e.getMessage().contains("no space"), e.getMessage());

        java.io.InputStream breaking = new java.io.InputStream() {
            private int sent;

            @Override
            public int read() throws java.io.IOException {
                if (sent++ > 1000) {
                    throw new java.io.IOException("the peer went away");
                }
                return 'x';
            }
        };
        long started = System.nanoTime();
        e = assertThrows(HostCommandException.class, () -> commands.pipe(List.of("sh", "-c", "cat >/dev/null; sleep 30"),
                breaking, null, Duration.ofSeconds(20)));
        assertTrue(e.getMessage().contains("stdin broke off: the peer went away"), e.getMessage());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10), "killed, not waited for");
    }

    @Test
    void pipeTimeoutKillsTheProgram() {
        HostCommandException e = assertThrows(HostCommandException.class,
                () -> commands.pipe(List.of("sleep", "30"), null, null, Duration.ofMillis(300)));
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    }
}
