package io.cairn.compute.bhyve.internal;

import io.cairn.api.host.HostProcess;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * A running bhyve: either started by this driver (its exit status is known) or adopted after a restart
 * of the node's Karaf, found by the pid and start time in the VM's record (only that it ended is known:
 * it is not this JVM's child).
 */
public interface BhyveProcess {
    long pid();

    /** When it started, as the host reports it; null if the host does not say. */
    Instant started();

    /** Completes when it ends, with its exit status if known. */
    CompletableFuture<OptionalInt> onExit();

    boolean isAlive();

    /** SIGKILL. */
    void kill();

    /** A bhyve this driver started through {@code HostCommands.start}. */
    static BhyveProcess started(HostProcess p) {
        Instant start = ProcessHandle.of(p.pid()).flatMap(h -> h.info().startInstant()).orElse(null);
        return new BhyveProcess() {
            @Override
            public long pid() {
                return p.pid();
            }

            @Override
            public Instant started() {
                return start;
            }

            @Override
            public CompletableFuture<OptionalInt> onExit() {
                return p.onExit().thenApply(OptionalInt::of);
            }

            @Override
            public boolean isAlive() {
                return p.isAlive();
            }

            @Override
            public void kill() {
                p.kill();
            }
        };
    }

    /**
     * The process of a record if it still runs and is the same one: same pid, same start time, and its
     * executable is {@code bhyve}.
     */
    static Optional<BhyveProcess> adopt(long pid, Instant recordedStart, Path bhyve) {
        if (pid <= 0) {
            return Optional.empty();
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (handle.isEmpty()) {
            return Optional.empty();
        }
        ProcessHandle h = handle.get();
        Instant start = h.info().startInstant().orElse(null);
        if (recordedStart != null && start != null && !recordedStart.equals(start)) {
            return Optional.empty(); // the pid was reused by another process
        }
        Optional<String> command = h.info().command();
        if (command.isPresent() && !Path.of(command.get()).getFileName().equals(bhyve.getFileName())) {
            return Optional.empty();
        }
        return Optional.of(new BhyveProcess() {
            @Override
            public long pid() {
                return pid;
            }

            @Override
            public Instant started() {
                return start;
            }

            @Override
            public CompletableFuture<OptionalInt> onExit() {
                return h.onExit().thenApply(x -> OptionalInt.empty());
            }

            @Override
            public boolean isAlive() {
                return h.isAlive();
            }

            @Override
            public void kill() {
                h.destroyForcibly();
            }
        });
    }
}
