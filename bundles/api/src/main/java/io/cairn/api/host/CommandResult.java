package io.cairn.api.host;

import java.util.List;
import java.util.Objects;

/** What a host program printed and how it ended. */
public record CommandResult(List<String> argv, int exitCode, String stdout, String stderr) {
    public CommandResult {
        argv = List.copyOf(Objects.requireNonNull(argv, "argv must not be null"));
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
    }

    public boolean succeeded() {
        return exitCode == 0;
    }
}
