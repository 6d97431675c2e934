package io.cairn.storage.zfs.internal;

import io.cairn.api.host.HostCommands;
import io.cairn.api.storage.MemberStatus;
import io.cairn.api.storage.PoolHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Drops the kernel page cache of a pool's file vdevs before a scrub.
 * <p>
 * Why: zfs-fuse keeps each vdev open for as long as the pool is imported, and a member on another
 * node is an nbdfuse file. Reads through that long-lived descriptor are served from this host's
 * page cache, which never learns that the member's blocks changed underneath (bit rot, a bad
 * sector, a write behind the pool's back): nbdfuse 1.14 has no {@code direct_io} option. A scrub
 * that reads cached pages checks what the disk held when it was cached, not what it holds now, and
 * leaves the corruption unrepaired — once another member is lost, that becomes a permanent data
 * error. Local file vdevs are dropped too (harmless, and true for a disk image on NFS or FUSE as
 * well). Block devices are skipped: this is only about files.
 */
final class FileVdevCaches {
    private static final Logger LOG = LoggerFactory.getLogger(FileVdevCaches.class);
    /** Members ZFS reads during a scrub; the others (UNAVAIL, FAULTED, REMOVED, OFFLINE) it does not open. */
    private static final Set<PoolHealth> READ = Set.of(PoolHealth.ONLINE, PoolHealth.DEGRADED);

    private final HostCommands host;
    private final Duration timeout;

    FileVdevCaches(HostCommands host, Duration timeout) {
        this.host = host;
        this.timeout = timeout;
    }

    /**
     * Drops the cache of every member that ZFS reads and that is a regular file (a link to one
     * counts: the owner's own disk is a link); returns the files it dropped.
     *
     * @throws io.cairn.api.host.HostCommandException when {@code dd} fails on one (the scrub must not start then)
     */
    List<Path> drop(String pool, List<MemberStatus> members) {
        List<Path> dropped = new ArrayList<>();
        for (MemberStatus m : members) {
            Path device = Path.of(m.device());
            if (!READ.contains(m.state()) || !device.isAbsolute() || !Files.isRegularFile(device)) {
                continue;
            }
            host.run(ZfsArgv.dropPageCache(device), timeout);
            dropped.add(device);
        }
        LOG.info("Pool {}: dropped the page cache of {} file vdev(s) before its scrub: {}", pool, dropped.size(), dropped);
        return dropped;
    }
}
