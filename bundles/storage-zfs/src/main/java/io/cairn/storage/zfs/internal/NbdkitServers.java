package io.cairn.storage.zfs.internal;

import io.cairn.api.host.HostCommandException;
import io.cairn.api.host.HostCommands;
import io.cairn.api.storage.DiskExport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One nbdkit per exported member disk, serving it under one export name only
 * ({@code exportname-strict}): the name carries the owner and its epoch, so a client asking
 * with an older epoch is refused. Changing the name restarts the server, which drops every
 * connection of the old owner. nbdkit daemonizes into its own session, so it outlives a Karaf
 * restart; its pid and name files let the next Karaf adopt it.
 */
final class NbdkitServers {
    private static final Duration GRACE = Duration.ofSeconds(5);
    private final HostCommands host;
    private final Path dir;
    private final Duration timeout;

    NbdkitServers(HostCommands host, Path dir, Duration timeout) {
        this.host = host;
        this.dir = dir;
        this.timeout = timeout;
    }

    static List<String> argv(DiskExport export, Path pidFile) {
        return List.of("nbdkit", "-P", pidFile.toString(), "-i", export.bindAddress(), "-p", Integer.toString(export.port()),
                "--filter=exportname", "file", "file=" + export.disk(),
                "exportname=" + export.exportName(), "exportname-strict=true", "exportname-list=explicit");
    }

    synchronized void serve(DiskExport export) {
        if (served(export.pool()).filter(export.exportName()::equals).isPresent()) {
            return;
        }
        stop(export.pool());
        PidFile pid = pidFile(export.pool());
        try {
            Files.createDirectories(dir);
            host.run(argv(export, pid.path()), timeout);
            if (!pid.awaitLive(Duration.ofSeconds(10))) {
                throw new HostCommandException(argv(export, pid.path()), -1, "", "nbdkit wrote no live pid file " + pid.path(), null);
            }
            Files.writeString(nameFile(export.pool()), export.exportName(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the NBD export of pool " + export.pool() + " in " + dir, e);
        }
    }

    synchronized void stop(String pool) {
        pidFile(pool).stop(GRACE);
        try {
            Files.deleteIfExists(nameFile(pool));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + nameFile(pool), e);
        }
    }

    synchronized Optional<String> served(String pool) {
        if (pidFile(pool).live().isEmpty() || !Files.isRegularFile(nameFile(pool))) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(nameFile(pool), StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + nameFile(pool), e);
        }
    }

    /** The pools with a live server here (their name file next to a live pid file). */
    synchronized List<String> pools() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".export"))
                    .map(n -> n.substring(0, n.length() - ".export".length()))
                    .filter(pool -> served(pool).isPresent()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the NBD exports in " + dir, e);
        }
    }

    private PidFile pidFile(String pool) {
        return new PidFile(dir.resolve(pool + ".pid"), "nbdkit");
    }

    private Path nameFile(String pool) {
        return dir.resolve(pool + ".export");
    }
}
