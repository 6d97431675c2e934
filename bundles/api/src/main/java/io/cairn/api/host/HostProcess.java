package io.cairn.api.host;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A long-running host program started by {@link HostCommands#start}: its pid and how it ends. */
public interface HostProcess {
    /** The argv it was started with. */
    List<String> argv();

    /** Its process id on this host. */
    long pid();

    /**
     * Completes with the exit status when the program ends (128 + the signal number when a signal
     * killed it, as a shell reports it).
     */
    CompletableFuture<Integer> onExit();

    boolean isAlive();

    /** Kills it at once (SIGKILL); does nothing once it has ended. */
    void kill();
}
