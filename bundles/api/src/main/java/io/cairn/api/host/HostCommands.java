package io.cairn.api.host;

import java.io.InputStream;
import java.io.OutputStream;
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

    /**
     * Runs a program with streams: {@code stdin} (null: {@code /dev/null}) is copied to its input and
     * closed at its end, its output is copied to {@code stdout} (null: discarded; not closed). Returns
     * once it exited and both copies ended; the result's stdout is empty (it went to the stream).
     *
     * @throws HostCommandException when it exits non-zero (with its stderr), times out (the process tree
     *                              is killed), cannot be started, or a stream breaks off (the program is
     *                              killed and the stream's error is the reason)
     * @since 1.2
     */
    default CommandResult pipe(List<String> argv, InputStream stdin, OutputStream stdout, Duration timeout) {
        throw new HostCommandException(argv, -1, "", "this HostCommands implementation ("
                + getClass().getName() + ") cannot stream to programs", null);
    }
}
