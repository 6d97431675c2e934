package io.cairn.compute.bhyve.internal;

import io.cairn.api.host.HostProcess;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * A running bhyve: either started by this driver (its exit status is known) or adopted after a restart
 * of the node's Karaf, found by the pid and start time in the VM's record (only that it ended is known:
 * it is not this JVM's child).
 *
 * @param pid     its process id
 * @param started when it started, as the host reports it; null if the host does not say
 * @param onExit  completes when it ends, with its exit status if known
 * @param alive   whether it still runs
 * @param killer  sends it SIGKILL
 */
public record BhyveProcess(long pid, Instant started, CompletableFuture<OptionalInt> onExit, BooleanSupplier alive,
                           Runnable killer) {
    public boolean isAlive() {
        return alive.getAsBoolean();
    }

    public void kill() {
        killer.run();
    }

    /** A bhyve this driver started through {@code HostCommands.start}. */
    static BhyveProcess started(HostProcess p) {
        Instant start = ProcessHandle.of(p.pid()).flatMap(h -> h.info().startInstant()).orElse(null);
        return new BhyveProcess(p.pid(), start, p.onExit().thenApply(OptionalInt::of), p::isAlive, p::kill);
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
        return Optional.of(new BhyveProcess(pid, start, h.onExit().thenApply(x -> OptionalInt.empty()), h::isAlive,
                h::destroyForcibly));
    }
}
