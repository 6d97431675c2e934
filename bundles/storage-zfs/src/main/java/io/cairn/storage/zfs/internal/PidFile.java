package io.cairn.storage.zfs.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A daemon the driver started, known by its pid file; a pid is trusted only while its process is
 * the program that wrote it (pids are reused).
 */
record PidFile(Path path, String program) {

    Optional<ProcessHandle> live() {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        String text;
        try {
            text = Files.readString(path, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pid file " + path, e);
        }
        if (!text.matches("\\d{1,10}")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(text)).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/" + program) || c.equals(program)).orElse(false));
    }

    /** Stops the daemon (SIGTERM, then SIGKILL) and waits until it is gone; removes the file. */
    void stop(Duration grace) {
        live().ifPresent(p -> {
            p.destroy();
            try {
                p.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                p.destroyForcibly();
                p.onExit().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping " + program + " " + p.pid(), e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("waiting for " + program + " " + p.pid() + " to exit failed", e);
            }
        });
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove pid file " + path, e);
        }
    }

    /** Waits until the daemon has written its pid file and lives. */
    boolean awaitLive(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (live().isPresent()) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return live().isPresent();
    }
}
