package io.cairn.storage.zfs.internal;

import io.cairn.api.host.HostCommandException;
import io.cairn.api.host.HostCommands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The owner's side: each member's export as a file, through {@code nbdfuse} (a FUSE file backed
 * by an NBD connection, which zfs-fuse opens like any vdev; the kernel NBD client is missing
 * here). One nbdfuse per member, in its own session (setsid), at
 * {@code DIR/POOL/MEMBER/nbd}; the export name it was given is kept beside it.
 */
final class NbdfuseClients {
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    static final String FILE = "nbd";
    private final HostCommands host;
    private final Path dir;
    private final Path pids;
    private final Duration timeout;

    /** Attachments under {@code dir}, pid and name files under {@code pids}. */
    NbdfuseClients(HostCommands host, Path dir, Path pids, Duration timeout) {
        this.host = host;
        this.dir = dir;
        this.pids = pids;
        this.timeout = timeout;
    }

    /** The node's own disk as {@code DIR/POOL/MEMBER/nbd}: a symbolic link to it. */
    synchronized Path attachLocal(String pool, String member, Path disk) {
        Path mount = mountDir(pool, member);
        Path link = mount.resolve(FILE);
        try {
            Files.createDirectories(mount);
            if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(disk)) {
                return link;
            }
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, disk);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link " + link + " to this node's disk " + disk, e);
        }
        return link;
    }

    static List<String> argv(Path mountDir, Path pidFile, String address, int port, String exportName) {
        return List.of("setsid", "-f", "nbdfuse", "-P", pidFile.toString(), mountDir.toString(),
                "nbd://" + address + ":" + port + "/" + exportName);
    }

    /** Asks the member's server for the export's size: fails at once, with the server's reason, when it is not served. */
    static List<String> probe(String address, int port, String exportName) {
        return List.of("nbdinfo", "--size", "nbd://" + address + ":" + port + "/" + exportName);
    }

    static List<String> unmount(Path mountDir) {
        return List.of("fusermount", "-u", "-z", mountDir.toString());
    }

    Path mountDir(String pool, String member) {
        return dir.resolve(pool).resolve(member);
    }

    synchronized Path attach(String pool, String member, String address, int port, String exportName) {
        Path mount = mountDir(pool, member);
        Path device = mount.resolve(FILE);
        PidFile pid = pidFile(pool, member);
        if (pid.live().isPresent() && attachedName(pool, member).filter(exportName::equals).isPresent()) {
            return device;
        }
        detach(pool, member);
        try {
            Files.createDirectories(mount);
            Files.createDirectories(pids);
            if (Files.isSymbolicLink(device)) {
                Files.delete(device); // it was this node's own disk when this node was a member
            }
            // nbdfuse forks off (setsid -f) and exits quietly when the export is refused, leaving no pid
            // to wait for: ask the server first, so a member that does not serve yet fails this pass at once
            host.run(probe(address, port, exportName), PROBE_TIMEOUT);
            List<String> argv = argv(mount, pid.path(), address, port, exportName);
            host.run(argv, timeout);
            if (!pid.awaitLive(Duration.ofSeconds(15))) {
                throw new HostCommandException(argv, -1, "", "nbdfuse did not come up (export " + exportName
                        + " refused or unreachable)", null);
            }
            Files.writeString(nameFile(pool, member), exportName, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the attachment of " + member + "'s disk of pool " + pool
                    + ": " + e, e);
        }
        return device;
    }

    synchronized boolean attached(String pool, String member) {
        return pidFile(pool, member).live().isPresent();
    }

    synchronized void detach(String pool, String member) {
        PidFile pid = pidFile(pool, member);
        pid.stop(GRACE);
        // always, and lazily: zfs-fuse may still hold the file open, and a dead FUSE mount left by a
        // client that was killed (or by a Karaf that restarted) would make the mount point unusable;
        // on a directory that is no mount it only fails, which is fine. Not "exists": stat of a dead FUSE
        // mount fails (ENOTCONN), so it neither exists nor does not; only a path known absent is skipped
        if (!Files.notExists(mountDir(pool, member), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            host.exec(unmount(mountDir(pool, member)), timeout);
        }
        try {
            Files.deleteIfExists(nameFile(pool, member));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + nameFile(pool, member), e);
        }
    }

    private Optional<String> attachedName(String pool, String member) {
        Path f = nameFile(pool, member);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(f, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    private PidFile pidFile(String pool, String member) {
        return new PidFile(pids.resolve(pool + "." + member + ".pid"), "nbdfuse");
    }

    private Path nameFile(String pool, String member) {
        return pids.resolve(pool + "." + member + ".export");
    }
}
