package io.cairn.storage.zfs.internal;

import io.cairn.api.storage.DiskExport;
import io.cairn.api.storage.PoolHealth;
import io.cairn.api.storage.PoolLayout;
import io.cairn.api.storage.PoolObservation;
import io.cairn.api.storage.VolumeBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exact argv of each operation (zvols cannot run here: their argv is what is checked). */
class ZfsStorageDriverTest {
    private static final PoolLayout LAYOUT = new PoolLayout("tank", 1,
            List.of("/var/lib/cairn/disks/n1-d0.img", "/a/tank/n2/nbd", "/a/tank/n3/nbd"), "on", false);

    @Test
    void createsARaidzPoolWithoutACacheFileAndCompressionOnAsLzjbOnZfsFuse() {
        RecordingHost host = new RecordingHost(argv -> "");
        new ZfsStorageDriver(host, Path.of("/var/lib/cairn/pools"), VolumeBackend.FILE, false).createPool(LAYOUT);
        assertEquals(List.of("zpool", "create", "-f", "-o", "cachefile=none", "-m", "/var/lib/cairn/pools/tank", "tank",
                "raidz1", "/var/lib/cairn/disks/n1-d0.img", "/a/tank/n2/nbd", "/a/tank/n3/nbd"), host.calls.get(0));
        assertEquals(List.of("zfs", "set", "compression=lzjb", "tank"), host.calls.get(1));
        assertEquals(List.of("zfs", "set", "dedup=off", "tank"), host.calls.get(2));
        assertEquals(List.of("zfs", "create", "-p", "tank/vols"), host.calls.get(3));
    }

    @Test
    void compressionOnIsLz4OnOpenZfsAndLz4IsRefusedOnZfsFuse() {
        assertEquals("lz4", new ZfsStorageDriver(new RecordingHost(a -> ""), Path.of("/p"), VolumeBackend.ZVOL, true)
                .compression("on"));
        assertThrows(IllegalArgumentException.class, () -> new ZfsStorageDriver(new RecordingHost(a -> ""),
                Path.of("/p"), VolumeBackend.FILE, false).compression("lz4"));
    }

    @Test
    void aPoolZfsFuseCallsBusyIsDestroyedAgainAndOtherFailuresAreThrown() {
        int[] busy = {2};
        RecordingHost host = new RecordingHost(argv -> {
            if (argv.get(1).equals("destroy") && busy[0]-- > 0) {
                throw new io.cairn.api.host.HostCommandException(argv, 1, "cannot destroy 'tank': pool is busy", "exit 1",
                        null);
            }
            return "";
        });
        new ZfsStorageDriver(host, Path.of("/p"), VolumeBackend.FILE, false).destroyPool("tank");
        assertEquals(4, host.calls.size(), host.calls.toString());
        assertEquals(List.of("zpool", "destroy", "-f", "tank"), host.calls.get(2));
        assertEquals(List.of("zpool", "list", "-H", "-o", "name"), host.calls.get(3), "the destroy is checked");

        ZfsStorageDriver stillListed = new ZfsStorageDriver(new RecordingHost(argv -> argv.get(1).equals("list")
                ? "other\ntank\n" : ""), Path.of("/p"), VolumeBackend.FILE, false);
        stillListed.goneWaitSeconds = 1;
        assertTrue(assertThrows(IllegalStateException.class, () -> stillListed.destroyPool("tank")).getMessage()
                .contains("zpool list still shows tank"));

        RecordingHost refusing = new RecordingHost(argv -> {
            throw new io.cairn.api.host.HostCommandException(argv, 1, "cannot open 'nope': no such pool", "exit 1", null);
        });
        assertThrows(io.cairn.api.host.HostCommandException.class, () -> new ZfsStorageDriver(refusing, Path.of("/p"),
                VolumeBackend.FILE, false).destroyPool("nope"));
        assertEquals(1, refusing.calls.size());
    }

    @Test
    void importsByForceFromTheSearchDirectories() {
        RecordingHost host = new RecordingHost(argv -> "");
        new ZfsStorageDriver(host, Path.of("/p"), VolumeBackend.FILE, false)
                .importPool("tank", List.of(Path.of("/var/lib/cairn/disks"), Path.of("/a/tank/n2")));
        // a dead mount left by a zfs-fuse that died with the pool imported is detached first
        assertEquals(List.of("fusermount", "-u", "-z", "/p/tank"), host.calls.get(0));
        assertEquals(List.of("zpool", "import", "-f", "-o", "cachefile=none", "-d", "/var/lib/cairn/disks", "-d",
                "/a/tank/n2", "tank"), host.calls.get(1));
    }

    @Test
    void observesStatusAndSizes() throws IOException {
        String status = ZpoolStatusParserTest.fixture("zpool-status-online.txt");
        RecordingHost host = new RecordingHost(argv -> switch (String.join(" ", argv.subList(0, 3))) {
            case "zpool list -H" -> argv.contains("name,size,allocated,health") ? "tank\t752M\t1.11M\tONLINE\n" : "tank\n";
            case "zpool status tank" -> status;
            default -> "";
        });
        PoolObservation o = new ZfsStorageDriver(host, Path.of("/p"), VolumeBackend.FILE, false).observe("tank").orElseThrow();
        assertEquals(PoolHealth.ONLINE, o.health());
        assertEquals(752L << 20, o.sizeBytes());
        assertEquals(3, o.members().size());
    }

    @Test
    void epochIsAUserProperty() {
        RecordingHost host = new RecordingHost(argv -> argv.get(1).equals("get") ? "5\n" : "");
        ZfsStorageDriver driver = new ZfsStorageDriver(host, Path.of("/p"), VolumeBackend.FILE, false);
        driver.writeEpoch("tank", 5);
        assertEquals(List.of("zfs", "set", "cairn:epoch=5", "tank"), host.calls.get(0));
        assertEquals(5, driver.readEpoch("tank").orElseThrow());
        assertEquals(List.of("zfs", "get", "-H", "-p", "-o", "value", "cairn:epoch", "tank"), host.calls.get(1));
    }

    @Test
    void fileVolumesAreSparseImagesInTheirOwnDataset(@TempDir Path root) throws IOException {
        RecordingHost host = new RecordingHost(argv -> {
            if (argv.get(1).equals("create")) {
                try {
                    Files.createDirectories(root.resolve(argv.get(3).replace("/", "/")));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return "";
        });
        Path image = new ZfsStorageDriver(host, root, VolumeBackend.FILE, false).createVolume("tank", "web1-0", 1 << 20);
        assertEquals(List.of("zfs", "create", "-p", "tank/vols/web1-0"), host.calls.get(0));
        assertEquals(root.resolve("tank/vols/web1-0/disk.img"), image);
        assertEquals(1 << 20, Files.size(image));
    }

    @Test
    void zvolVolumesAreBlockDevices() {
        RecordingHost host = new RecordingHost(argv -> "");
        Path dev = new ZfsStorageDriver(host, Path.of("/p"), VolumeBackend.ZVOL, true).createVolume("tank", "v", 4096);
        assertEquals(List.of("zfs", "create", "-p", "-V", "4096", "tank/vols/v"), host.calls.get(0));
        assertEquals(Path.of("/dev/zvol/tank/vols/v"), dev);
    }

    @Test
    void badVolumeNamesAndSizesAreRefusedBeforeAnyCall() {
        RecordingHost host = new RecordingHost(argv -> "");
        ZfsStorageDriver driver = new ZfsStorageDriver(host, Path.of("/p"), VolumeBackend.FILE, false);
        assertThrows(IllegalArgumentException.class, () -> driver.createVolume("tank", "a/b", 10));
        assertThrows(IllegalArgumentException.class, () -> driver.createVolume("tank", "a", 0));
        assertThrows(IllegalArgumentException.class, () -> driver.snapshot("tank", "a", "x y"));
        assertTrue(host.calls.isEmpty());
    }

    @Test
    void snapshotsRollbacksAndClones() {
        RecordingHost host = new RecordingHost(argv -> "");
        ZfsStorageDriver driver = new ZfsStorageDriver(host, Path.of("/p"), VolumeBackend.FILE, false);
        driver.snapshot("tank", "v", "s1");
        driver.rollback("tank", "v", "s1");
        assertEquals(Path.of("/p/tank/vols/w/disk.img"), driver.cloneVolume("tank", "v", "s1", "w"));
        assertEquals(List.of(List.of("zfs", "snapshot", "tank/vols/v@s1"), List.of("zfs", "rollback", "-r", "tank/vols/v@s1"),
                List.of("zfs", "clone", "tank/vols/v@s1", "tank/vols/w")), host.calls);
    }

    @Test
    void nbdkitServesOneStrictExportName() {
        DiskExport export = new DiskExport("tank", "/var/lib/cairn/disks/n2-d0.img", "10.92.0.12", 10809, "tank.n1.e5");
        assertEquals(List.of("nbdkit", "-P", "/r/tank.pid", "-i", "10.92.0.12", "-p", "10809", "--filter=exportname", "file",
                "file=/var/lib/cairn/disks/n2-d0.img", "exportname=tank.n1.e5", "exportname-strict=true",
                "exportname-list=explicit"), NbdkitServers.argv(export, Path.of("/r/tank.pid")));
    }

    @Test
    void attachmentsAreUnmountedLazily() {
        assertEquals(List.of("fusermount", "-u", "-z", "/var/lib/cairn/attach/tank/n2"),
                NbdfuseClients.unmount(Path.of("/var/lib/cairn/attach/tank/n2")));
    }

    @Test
    void nbdfuseRunsInItsOwnSession() {
        assertEquals(List.of("setsid", "-f", "nbdfuse", "-P", "/r/tank.n2.pid", "/r/tank/n2", "nbd://10.92.0.12:10809/tank.n1.e5"),
                NbdfuseClients.argv(Path.of("/r/tank/n2"), Path.of("/r/tank.n2.pid"), "10.92.0.12", 10809, "tank.n1.e5"));
    }

    @Test
    void theOwnerAsksTheMembersServerForItsExportBeforeAttachingIt() {
        assertEquals(List.of("nbdinfo", "--size", "nbd://10.92.0.12:10809/tank.n1.e5"),
                NbdfuseClients.probe("10.92.0.12", 10809, "tank.n1.e5"));
    }
}
