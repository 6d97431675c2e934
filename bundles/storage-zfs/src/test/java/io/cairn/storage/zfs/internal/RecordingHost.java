package io.cairn.storage.zfs.internal;

import io.cairn.api.host.CommandResult;
import io.cairn.api.host.HostCommands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Records each argv and answers with what {@code answer} gives (stdout, exit 0). */
final class RecordingHost implements HostCommands {
    final List<List<String>> calls = new ArrayList<>();
    private final Function<List<String>, String> answer;

    RecordingHost(Function<List<String>, String> answer) {
        this.answer = answer;
    }

    @Override
    public CommandResult run(List<String> argv, Duration timeout) {
        return exec(argv, timeout);
    }

    @Override
    public CommandResult exec(List<String> argv, Duration timeout) {
        calls.add(argv);
        return new CommandResult(argv, 0, answer.apply(argv), "");
    }
}
