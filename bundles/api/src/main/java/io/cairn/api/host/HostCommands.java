package io.cairn.api.host;

import java.time.Duration;
import java.util.List;

/**
 * The one way bundles run host programs: an argv list (never a shell string), a timeout after
 * which the process tree is killed, and stderr carried in the exception.
 */
public interface HostCommands {
    /**
     * Runs a program and returns its output.
     *
     * @throws HostCommandException when it exits non-zero, times out or cannot be started
     */
    CommandResult run(List<String> argv, Duration timeout);

    /**
     * Runs a program and returns how it ended, whatever the exit code.
     *
     * @throws HostCommandException when it times out or cannot be started
     */
    CommandResult exec(List<String> argv, Duration timeout);
}
