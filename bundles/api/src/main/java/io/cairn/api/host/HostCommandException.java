package io.cairn.api.host;

import java.util.List;

/** A host program failed, timed out or could not be started; carries its stderr. */
public class HostCommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> argv;
    private final int exitCode;
    private final String stderr;

    public HostCommandException(List<String> argv, int exitCode, String stderr, String reason, Throwable cause) {
        super(String.join(" ", argv) + ": " + reason
                + (stderr == null || stderr.isBlank() ? "" : ": " + stderr.strip()), cause);
        this.argv = List.copyOf(argv);
        this.exitCode = exitCode;
        this.stderr = stderr == null ? "" : stderr;
    }

    public List<String> argv() {
        return argv;
    }

    /** The exit code, or -1 when the program did not exit by itself (timeout, not found). */
    public int exitCode() {
        return exitCode;
    }

    public String stderr() {
        return stderr;
    }
}
