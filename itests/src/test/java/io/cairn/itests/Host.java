package io.cairn.itests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs host programs for the tests (argv lists, timeouts, output in the failure). */
public final class Host {
    private Host() {
    }

    public static String run(List<String> argv, Duration timeout, Map<String, String> env) {
        Result result = exec(argv, timeout, env);
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", argv) + " exited " + result.exitCode()
                    + "\n--- stdout\n" + result.stdout() + "\n--- stderr\n" + result.stderr());
        }
        return result.stdout();
    }

    public static Result exec(List<String> argv, Duration timeout, Map<String, String> env) {
        try {
            Path out = Files.createTempFile("itest", ".out");
            Path err = Files.createTempFile("itest", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(argv)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                builder.environment().putAll(env);
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", argv) + " timed out after " + timeout
                            + "\n--- stdout\n" + Files.readString(out) + "\n--- stderr\n" + Files.readString(err));
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + argv, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + argv, e);
        }
    }

    public record Result(int exitCode, String stdout, String stderr) {
    }
}
