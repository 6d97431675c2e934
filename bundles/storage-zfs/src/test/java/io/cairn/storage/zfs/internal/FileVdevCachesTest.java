package io.cairn.storage.zfs.internal;

import io.cairn.api.storage.MemberStatus;
import io.cairn.api.storage.PoolHealth;
import io.cairn.api.storage.VolumeBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Which vdevs get their page cache dropped before a scrub, and the exact argv. */
class FileVdevCachesTest {
    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;

    private static MemberStatus member(Path device, PoolHealth state) {
        return new MemberStatus(null, device.toString(), state, 0, 0, 0, "");
    }

    @Test
    void regularFilesAndLinksToThemAreDroppedWithDdNocacheCountZero(@TempDir Path dir) throws IOException {
        Path local = Files.createFile(dir.resolve("n1-d0.img"));
        Path link = Files.createSymbolicLink(dir.resolve("own"), local);
        Path nbd = Files.createFile(dir.resolve("nbd"));
        RecordingHost host = new RecordingHost(argv -> "");
        List<Path> dropped = new FileVdevCaches(host, Duration.ofSeconds(5)).drop("tank", List.of(
                member(link, PoolHealth.ONLINE), member(nbd, PoolHealth.DEGRADED),
                member(Path.of("/dev/null"), PoolHealth.ONLINE)));
        assertEquals(List.of(link, nbd), dropped);
        assertEquals(List.of(List.of("dd", "if=" + link, "iflag=nocache", "count=0", "status=none"),
                List.of("dd", "if=" + nbd, "iflag=nocache", "count=0", "status=none")), host.calls);
    }

    @Test
    void membersZfsDoesNotReadAndMissingOrRelativePathsAreSkipped(@TempDir Path dir) throws IOException {
        Path lost = Files.createFile(dir.resolve("lost"));
        RecordingHost host = new RecordingHost(argv -> "");
        List<Path> dropped = new FileVdevCaches(host, Duration.ofSeconds(5)).drop("tank", List.of(
                member(lost, PoolHealth.UNAVAIL), member(lost, PoolHealth.FAULTED), member(lost, PoolHealth.REMOVED),
                member(lost, PoolHealth.OFFLINE), member(dir.resolve("gone"), PoolHealth.ONLINE),
                new MemberStatus(null, "sda", PoolHealth.ONLINE, 0, 0, 0, "")));
        assertEquals(List.of(), dropped);
        assertEquals(List.of(), host.calls);
    }

    @Test
    void blockDevicesAreSkipped() throws IOException {
        Optional<Path> block = blockDevice();
        assumeTrue(block.isPresent(), "this host has no block device node in /dev to check against");
        RecordingHost host = new RecordingHost(argv -> "");
        assertEquals(List.of(), new FileVdevCaches(host, Duration.ofSeconds(5)).drop("tank",
                List.of(member(block.get(), PoolHealth.ONLINE))));
        assertEquals(List.of(), host.calls);
    }

    @Test
    void theDriversScrubDropsTheFileVdevsThenStartsZpoolScrub(@TempDir Path dir) throws IOException {
        Path d0 = Files.createFile(dir.resolve("d0.img"));
        Path n2 = Files.createFile(dir.resolve("n2.nbd"));
        String status = ZpoolStatusParserTest.fixture("zpool-status-scrub.txt")
                .replace("/work/run-storage-x/n1/disks/d0.img", d0.toString())
                .replace("/work/run-storage-x/n1/nbd/n3/nbd", n2.toString());
        RecordingHost host = new RecordingHost(argv -> switch (String.join(" ", argv.subList(0, 2))) {
            case "zpool list" -> argv.contains("name,size,allocated,health") ? "tank\t752M\t1.11M\tDEGRADED\n" : "tank\n";
            case "zpool status" -> status;
            default -> "";
        });
        new ZfsStorageDriver(host, Path.of("/p"), VolumeBackend.FILE, false).scrub("tank");
        List<List<String>> tail = host.calls.subList(host.calls.size() - 3, host.calls.size());
        // the UNAVAIL member (n2 in the fixture, a path that does not exist here) is not touched
        assertEquals(List.of(List.of("dd", "if=" + d0, "iflag=nocache", "count=0", "status=none"),
                List.of("dd", "if=" + n2, "iflag=nocache", "count=0", "status=none"),
                List.of("zpool", "scrub", "tank")), tail);
        assertTrue(host.calls.stream().filter(a -> a.get(0).equals("dd")).count() == 2, host.calls.toString());
    }

    private static Optional<Path> blockDevice() throws IOException {
        try (Stream<Path> dev = Files.list(Path.of("/dev"))) {
            return dev.filter(p -> {
                try {
                    return ((Integer) Files.getAttribute(p, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            & S_IFMT) == S_IFBLK;
                } catch (IOException | UnsupportedOperationException e) {
                    return false;
                }
            }).findFirst();
        }
    }
}
