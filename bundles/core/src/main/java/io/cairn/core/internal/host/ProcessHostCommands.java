package io.cairn.core.internal.host;

import io.cairn.api.host.CommandResult;
import io.cairn.api.host.HostCommandException;
import io.cairn.api.host.HostCommands;
import io.cairn.api.host.HostProcess;
import org.osgi.service.component.annotations.Component;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.TimeUnit;

/**
 * Runs host programs from argv lists. Output goes to temporary files rather than pipes so a
 * chatty program can never block on a full pipe; on timeout the whole process tree is killed.
 */
@Component(service = HostCommands.class)
public class ProcessHostCommands implements HostCommands {
    private static final File DEV_NULL = new File("/dev/null");

    @Override
    public CommandResult run(List<String> argv, Duration timeout) {
        CommandResult result = exec(argv, timeout);
        if (!result.succeeded()) {
            throw new HostCommandException(argv, result.exitCode(), result.stderr(),
                    "exited with status " + result.exitCode(), null);
        }
        return result;
    }

    @Override
    public CommandResult exec(List<String> argv, Duration timeout) {
        requireArgv(argv);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("cairn-cmd", ".out");
            err = Files.createTempFile("cairn-cmd", ".err");
            Process process = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new HostCommandException(argv, -1, read(err),
                        "timed out after " + timeout.toMillis() + " ms and was killed", null);
            }
            return new CommandResult(argv, process.exitValue(), read(out), read(err));
        } catch (IOException e) {
            throw new HostCommandException(argv, -1, "", "could not be started: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostCommandException(argv, -1, "", "interrupted", e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /**
     * Two copier threads move the streams; stderr goes to a temporary file as in {@link #exec}. A copy
     * that fails kills the process tree, so a {@code zfs receive} whose input broke off never completes.
     */
    @Override
    public CommandResult pipe(List<String> argv, InputStream stdin, OutputStream stdout, Duration timeout) {
        requireArgv(argv);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        Path err = null;
        Process process = null;
        AtomicReference<IOException> broken = new AtomicReference<>();
        try {
            err = Files.createTempFile("cairn-pipe", ".err");
            ProcessBuilder builder = new ProcessBuilder(argv).redirectError(err.toFile());
            if (stdin == null) {
                builder.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
            }
            if (stdout == null) {
                builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            }
            process = builder.start();
            Process p = process;
            CompletableFuture<Void> in = stdin == null ? CompletableFuture.completedFuture(null)
                    : copy(argv, "stdin", () -> {
                        try (OutputStream to = p.getOutputStream()) {
                            stdin.transferTo(to);
                        }
                    }, p, broken);
            CompletableFuture<Void> out = stdout == null ? CompletableFuture.completedFuture(null)
                    : copy(argv, "stdout", () -> {
                        try (InputStream from = p.getInputStream()) {
                            from.transferTo(stdout);
                        }
                    }, p, broken);
            long deadline = System.nanoTime() + timeout.toNanos();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new HostCommandException(argv, -1, read(err),
                        "timed out after " + timeout.toMillis() + " ms and was killed", null);
            }
            if (broken.get() != null) {
                throw new HostCommandException(argv, -1, read(err), "killed: its " + broken.get().getMessage(),
                        broken.get());
            }
            if (process.exitValue() != 0) {
                throw new HostCommandException(argv, process.exitValue(), read(err),
                        "exited with status " + process.exitValue(), null);
            }
            // its output ends with it; what it did not read of its input is the caller's to close
            out.get(Math.max(5000, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())), TimeUnit.MILLISECONDS);
            if (broken.get() != null) {
                throw new HostCommandException(argv, -1, read(err), broken.get().getMessage(), broken.get());
            }
            return new CommandResult(argv, 0, "", read(err));
        } catch (IOException e) {
            throw new HostCommandException(argv, -1, "", "could not be started: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
            throw new HostCommandException(argv, -1, "", "interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            kill(process);
            throw new HostCommandException(argv, -1, "", "its streams did not end: " + e, e);
        } finally {
            deleteQuietly(err);
        }
    }

    private interface Copy {
        void run() throws IOException;
    }

    /** Runs a copy on its own thread; a failure is kept as the reason and kills the program. */
    private static CompletableFuture<Void> copy(List<String> argv, String what, Copy copy, Process process,
                                                AtomicReference<IOException> broken) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                copy.run();
            } catch (IOException e) {
                // stdin closed by the program itself (it exited first) is its own exit status's story
                if (!(what.equals("stdin") && !process.isAlive())) {
                    broken.compareAndSet(null, new IOException(what + " broke off: " + e.getMessage(), e));
                    kill(process);
                }
            } finally {
                done.complete(null);
            }
        }, "cairn-pipe-" + what + "-" + argv.get(0));
        t.setDaemon(true);
        t.start();
        return done;
    }

    private static void kill(Process process) {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public HostProcess start(List<String> argv, Path output) {
        requireArgv(argv);
        if (output == null) {
            throw new IllegalArgumentException("output must name the file the program's output is appended to");
        }
        List<String> copy = List.copyOf(argv);
        try {
            Process process = new ProcessBuilder(copy)
                    .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .redirectErrorStream(true)
                    .start();
            return new StartedProcess(copy, process);
        } catch (IOException e) {
            throw new HostCommandException(copy, -1, "", "could not be started: " + e.getMessage(), e);
        }
    }

    /** A started program; its exit status as {@link Process#exitValue()} reports it. */
    private record StartedProcess(List<String> argv, Process process) implements HostProcess {
        @Override
        public long pid() {
            return process.pid();
        }

        @Override
        public CompletableFuture<Integer> onExit() {
            return process.onExit().thenApply(Process::exitValue);
        }

        @Override
        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public void kill() {
            process.destroyForcibly();
        }
    }

    private static void requireArgv(List<String> argv) {
        if (argv == null || argv.isEmpty() || argv.stream().anyMatch(a -> a == null || a.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException("argv must be a non-empty list of strings without NUL");
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temp file is harmless; the result is what matters
            }
        }
    }
}
