package io.cairn.api.host;

import java.nio.file.Path;
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

    /**
     * Starts a long-running program (a hypervisor process) without waiting for it: stdin is
     * {@code /dev/null}, stdout and stderr are appended to {@code output}. It is not killed when the
     * caller goes away; the caller tracks it through the returned handle.
     *
     * @throws HostCommandException when it cannot be started
     * @since 1.1
     */
    default HostProcess start(List<String> argv, Path output) {
        throw new HostCommandException(argv, -1, "", "this HostCommands implementation ("
                + getClass().getName() + ") cannot start long-running programs", null);
    }
}
