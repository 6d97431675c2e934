package io.cairn.storage.zfs.internal;

import io.cairn.api.compute.VmDisk;
import io.cairn.api.host.HostCommandException;
import io.cairn.api.storage.VolumeBackend;
import io.cairn.api.storage.VolumeSnapshot;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A VM's disks under one dataset, and its snapshots, clones and destruction as whole-VM zfs calls (captured zfs-fuse output). */
class ZfsVmSnapshotsTest {
    private static final UUID VM = UUID.fromString("6f1c2b0e-58d4-4c36-9d59-3a1f3c1d2e4a");
    private static final UUID CLONE = UUID.fromString("0b7e4a3c-1111-4222-8333-944455556666");
    private static final String DS = "tank/vms/" + VM;

    private static ZfsStorageDriver driver(RecordingHost host) {
        return new ZfsStorageDriver(host, Path.of("/var/lib/cairn/pools"), VolumeBackend.FILE, false);
    }

    private static RecordingHost children() {
        return new RecordingHost(argv -> {
            if (argv.equals(List.of("zfs", "list", "-H", "-r", "-d", "1", "-o", "name", DS))) {
                try {
                    return ZpoolStatusParserTest.fixture("zfs-list-vm-children.txt");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return "";
        });
    }

    @Test
    void aVmsDiskIsADatasetUnderTheVmsOwnDataset() {
        RecordingHost host = new RecordingHost(argv -> "");
        ZfsStorageDriver driver = driver(host);
        String volume = new VmDisk("data", "tank", 64).volume(VM);
        assertEquals(VM + "/data", volume);
        assertEquals(Path.of("/var/lib/cairn/pools/" + DS + "/data/disk.img"), driver.volumePath("tank", volume));
        assertEquals(Path.of("/var/lib/cairn/pools/tank/vols/web1-0/disk.img"), driver.volumePath("tank", "web1-0"));
        assertThrows(IllegalArgumentException.class, () -> driver.volumePath("tank", "not-a-uuid/data"));
        assertThrows(IllegalArgumentException.class, () -> driver.volumePath("tank", VM + "/data/x"));
        assertTrue(host.calls.isEmpty());
    }

    @Test
    void volumesAreFoundUnderVolsAndUnderEveryVmsDataset() throws IOException {
        String listing = ZpoolStatusParserTest.fixture("zfs-list-datasets.txt");
        RecordingHost host = new RecordingHost(argv -> listing);
        assertEquals(List.of("web1-0", VM + "/data", VM + "/logs"), driver(host).volumes("tank"));
        assertEquals(List.of("zfs", "list", "-H", "-r", "-t", "filesystem,volume", "-o", "name", "tank"),
                host.calls.get(0));
    }

    @Test
    void aVmSnapshotIsOneRecursiveSnapshotOfItsDataset() {
        RecordingHost host = new RecordingHost(argv -> "");
        driver(host).snapshotVm("tank", VM, "s1");
        assertEquals(List.of(List.of("zfs", "snapshot", "-r", DS + "@s1")), host.calls);
    }

    @Test
    void badSnapshotNamesAreRefusedBeforeAnyCall() {
        RecordingHost host = new RecordingHost(argv -> "");
        ZfsStorageDriver driver = driver(host);
        for (String bad : new String[] {"", "a b", "a@b", "a/b", "-a", "x".repeat(101)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> driver.snapshotVm("tank", VM, bad), bad);
            assertTrue(e.getMessage().startsWith("snapshot name"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> driver.rollbackVm("tank", VM, "a b"));
        assertThrows(IllegalArgumentException.class, () -> driver.cloneVm("tank", VM, "a@b", CLONE));
        assertThrows(IllegalArgumentException.class, () -> driver.destroyVmSnapshot("tank", VM, "a/b"));
        assertTrue(host.calls.isEmpty());
        driver.snapshotVm("tank", VM, "before-upgrade:2." + "x".repeat(83));
        assertEquals(1, host.calls.size());
    }

    @Test
    void snapshotsAreParsedFromZfsGetWithTheirCreationAndTheBytesOfAllDisks() throws IOException {
        String out = ZpoolStatusParserTest.fixture("zfs-get-vm-snapshots.txt");
        RecordingHost host = new RecordingHost(argv -> out);
        List<VolumeSnapshot> snapshots = driver(host).vmSnapshots("tank", VM);
        assertEquals(List.of("zfs", "get", "-H", "-p", "-r", "-o", "name,property,value", "creation,used", DS),
                host.calls.get(0));
        assertEquals(List.of(new VolumeSnapshot("s1", Instant.ofEpochSecond(1796283891L), 1138688),
                new VolumeSnapshot("before-upgrade:2", Instant.ofEpochSecond(1796283892L), 0)), snapshots);
    }

    @Test
    void aVmWithoutADatasetHasNoSnapshotsAndItsDestructionIsDoneAlready() {
        RecordingHost host = new RecordingHost(argv -> {
            throw new HostCommandException(argv, 1, "cannot open '" + DS + "': dataset does not exist", "exit 1", null);
        });
        assertEquals(List.of(), driver(host).vmSnapshots("tank", VM));
        driver(host).destroyVm("tank", VM);
        driver(host).destroyVmSnapshot("tank", VM, "s1");
        assertEquals(3, host.calls.size());
    }

    @Test
    void aRollbackRollsEveryDiskBackAndThenTheVmsDataset() {
        RecordingHost host = children();
        driver(host).rollbackVm("tank", VM, "s1");
        assertEquals(List.of(List.of("zfs", "list", "-H", "-r", "-d", "1", "-o", "name", DS),
                List.of("zfs", "rollback", "-r", DS + "/data@s1"), List.of("zfs", "rollback", "-r", DS + "/logs@s1"),
                List.of("zfs", "rollback", "-r", DS + "@s1")), host.calls);
    }

    @Test
    void aCloneIsAZfsCloneOfEveryDiskUnderTheNewVmsDataset() {
        RecordingHost host = children();
        List<String> made = driver(host).cloneVm("tank", VM, "s1", CLONE);
        assertEquals(List.of(CLONE + "/data", CLONE + "/logs"), made);
        String target = "tank/vms/" + CLONE;
        assertEquals(List.of(List.of("zfs", "list", "-H", "-r", "-d", "1", "-o", "name", DS),
                List.of("zfs", "create", "-p", target),
                List.of("zfs", "clone", DS + "/data@s1", target + "/data"),
                List.of("zfs", "clone", DS + "/logs@s1", target + "/logs")), host.calls);
        assertThrows(IllegalArgumentException.class, () -> driver(children()).cloneVm("tank", VM, "s1", VM));
    }

    @Test
    void aSnapshotIsDestroyedOnEveryDiskAndARefusalKeepsZfssMessage() {
        RecordingHost host = new RecordingHost(argv -> "");
        driver(host).destroyVmSnapshot("tank", VM, "s1");
        assertEquals(List.of(List.of("zfs", "destroy", "-r", DS + "@s1")), host.calls);
        RecordingHost cloned = new RecordingHost(argv -> {
            throw new HostCommandException(argv, 1, "cannot destroy '" + DS + "/data@s1': snapshot is cloned\n"
                    + "no snapshots destroyed", "exit 1", null);
        });
        HostCommandException e = assertThrows(HostCommandException.class,
                () -> driver(cloned).destroyVmSnapshot("tank", VM, "s1"));
        assertTrue(e.getMessage().contains("snapshot is cloned"), e.getMessage());
    }

    @Test
    void aVmsDatasetZfsFuseCallsBusyIsDestroyedAgain() {
        int[] busy = {2};
        RecordingHost host = new RecordingHost(argv -> {
            if (busy[0]-- > 0) {
                throw new HostCommandException(argv, 1, "cannot destroy '" + DS + "/data': dataset is busy", "exit 1",
                        null);
            }
            return "";
        });
        driver(host).destroyVm("tank", VM);
        assertEquals(3, host.calls.size());
        assertEquals(List.of("zfs", "destroy", "-r", DS), host.calls.get(2));
    }
}
