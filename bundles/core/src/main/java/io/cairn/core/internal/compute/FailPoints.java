package io.cairn.core.internal.compute;

import io.cairn.core.internal.cluster.DataDirs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test-only pauses at named points of the code, for fencing drills that need a pause at an exact
 * step (like etcd's failpoints): a file {@code data/cairn/failpoints/<name>} holding a number of
 * milliseconds makes the thread that reaches the point sleep that long. Absent (always, outside
 * drills), a point costs one file-existence check.
 */
final class FailPoints {
    private static final Logger LOG = LoggerFactory.getLogger(FailPoints.class);
    private static final long MAX_MS = 120_000;

    private FailPoints() {
    }

    static void pause(String name) {
        Path file;
        try {
            file = DataDirs.cairn().resolve("failpoints").resolve(name);
        } catch (IllegalStateException e) {
            return; // not inside Karaf
        }
        if (!Files.isRegularFile(file)) {
            return;
        }
        long ms;
        try {
            ms = Math.min(MAX_MS, Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            LOG.warn("Fail point {} ignored: {} does not hold a number of milliseconds", name, file);
            return;
        }
        LOG.warn("Fail point {}: pausing {} ms", name, ms);
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
