package io.cairn.core.internal.storage;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.common.UnsatisfiableException;
import io.cairn.api.compute.BootSpec;
import io.cairn.api.compute.VmDisk;
import io.cairn.api.compute.VmSpec;
import io.cairn.api.state.StoreOp;
import io.cairn.api.storage.Image;
import io.cairn.api.storage.Pool;
import io.cairn.api.storage.PoolMember;
import io.cairn.api.storage.PoolOwnership;
import io.cairn.api.storage.PoolSpec;
import io.cairn.api.task.TaskState;
import io.cairn.core.internal.compute.CoreFakes;
import io.cairn.testing.InMemoryConsistentStore;
import io.cairn.testing.InMemoryServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Imports and deletions asked through {@link ImageManager} and carried out by the owner's
 * {@link PoolImages}, against an in-memory store with the real conditions.
 */
class ImageImportTest {
    private final InMemoryConsistentStore raw = new InMemoryConsistentStore("n1");
    private final PoolStore pools = new PoolStore(raw);
    private final ImageStore images = new ImageStore(raw);
    private final StorageFakes.Statuses statuses = new StorageFakes.Statuses();
    private final CoreFakes.Tasks tasks = new CoreFakes.Tasks();
    private final StorageFakes.Driver driver = new StorageFakes.Driver();
    private final InMemoryServices vms = new InMemoryServices();
    private final ToLongFunction<List<StoreOp>> underLease = raw::commit;
    @TempDir
    Path dir;

    private ImageManager manager(String node) {
        return new ImageManager(images, pools, statuses, tasks, vms, node, dir.resolve("spool"));
    }

    private PoolImages owner(String node) {
        return new PoolImages(images, pools, tasks, underLease, image -> VmImageCheck.vmsUsing(image, vms), (n, p, i) -> {
            throw new AssertionError("no copies here");
        }, node);
    }

    private PoolOwnership builtAndImported() {
        PoolOwnership owner = pools.create(new Pool(new PoolSpec("tank", 1, null, false, "n1"),
                List.of(new PoolMember("n1", "/d/1"), new PoolMember("n2", "/d/2")), 10809, Instant.now()), "n1");
        pools.markBuilt("tank", owner);
        statuses.imported("tank", "n1", owner.epoch(), true);
        return owner;
    }

    /** Runs the manager's call while the owner's passes run here, as the reconciler's thread would. */
    private <T> T whileOwnerRuns(PoolOwnership owner, Supplier<T> call) throws InterruptedException {
        CompletableFuture<T> f = CompletableFuture.supplyAsync(call);
        PoolImages n1 = owner("n1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!f.isDone() && System.nanoTime() < deadline) {
            n1.pass(driver, "tank", owner);
            Thread.sleep(5);
        }
        try {
            return f.get(1, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (RuntimeException) e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the manager did not return", e);
        }
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void anImportOnTheOwnerIsCarriedOutUnderItsLeaseAndRecordedInOneCommit() throws Exception {
        PoolOwnership owner = builtAndImported();
        Path disk = file("disk.qcow2", "qcow2 bytes");
        Image image = whileOwnerRuns(owner, () -> manager("n1").importImage("deb", "tank", disk));
        assertEquals("deb", image.name());
        assertEquals("tank", image.pool());
        assertEquals("qcow2", image.format());
        assertEquals(List.of("deb"), driver.images("tank"));
        assertEquals(List.of(image), images.images());
        assertTrue(images.request("deb").isEmpty(), "request removed with the commit that recorded the image");
        assertTrue(Files.exists(disk), "a local file given by path is left as it was");
        assertEquals(List.of(TaskState.SUCCEEDED), tasks.byId.values().stream().map(t -> t.state()).toList());
    }

    @Test
    void anUploadIsSpooledAndItsSpoolFileDeletedOnceImported() throws Exception {
        PoolOwnership owner = builtAndImported();
        Image image = whileOwnerRuns(owner, () -> manager("n1").importImage("up", "tank",
                new ByteArrayInputStream("uploaded".getBytes(StandardCharsets.UTF_8))));
        assertEquals("up", image.name());
        try (var left = Files.list(dir.resolve("spool"))) {
            assertEquals(0, left.count(), "spool file deleted");
        }
    }

    @Test
    void aFileThatIsNotADiskImageIs422AndNothingIsRecordedOrLeftOnThePool() throws Exception {
        PoolOwnership owner = builtAndImported();
        Path text = file("notes.txt", "text, not a disk");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> whileOwnerRuns(owner, () -> manager("n1").importImage("notes", "tank", text)));
        assertTrue(e.getMessage().contains("not a disk image") && e.getMessage().contains("format raw"), e.getMessage());
        assertEquals(List.of(), images.images());
        assertTrue(images.request("notes").isEmpty());
        assertEquals(List.of(), driver.images("tank"));
    }

    @Test
    void onANodeThatIsNotTheOwnerAnImportIs409NamingTheOwnerBeforeAnythingIsRead() throws Exception {
        builtAndImported();
        byte[] body = "never read".getBytes(StandardCharsets.UTF_8);
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        ConflictException e = assertThrows(ConflictException.class, () -> manager("n2").importImage("x", "tank", in));
        assertTrue(e.getMessage().contains("owned by node n1") && e.getMessage().contains("send the import to n1"),
                e.getMessage());
        assertEquals(body.length, in.available(), "the upload was not read");
        assertTrue(tasks.byId.isEmpty());
        assertThrows(NotFoundException.class, () -> manager("n1").importImage("x", "nopool", dir));
        assertThrows(IllegalArgumentException.class, () -> manager("n1").importImage("a/b", "tank", dir));
        assertThrows(IllegalArgumentException.class, () -> manager("n1").importImage("x", "tank", dir.resolve("absent")));
    }

    @Test
    void aDuplicateNameIs409() throws Exception {
        PoolOwnership owner = builtAndImported();
        Path disk = file("disk.qcow2", "qcow2 bytes");
        whileOwnerRuns(owner, () -> manager("n1").importImage("deb", "tank", disk));
        ConflictException e = assertThrows(ConflictException.class, () -> manager("n1").importImage("deb", "tank", disk));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    }

    @Test
    void aStaleOwnerNeverImports() throws Exception {
        PoolOwnership owner = builtAndImported();
        Path disk = file("disk.qcow2", "qcow2 bytes");
        images.request(ImageRequestRecord.importing("r1", "deb", "tank", disk.toString(), "n1", false),
                pools.ownedAt("tank", owner.epoch()));
        raw.commit(List.of(pools.move("tank", "n2", owner.epoch()))); // a failover moved the pool meanwhile
        owner("n1").pass(driver, "tank", owner);
        assertEquals(List.of(), driver.images("tank"), "a stale owner never imports");
        assertEquals(null, images.request("deb").orElseThrow().request().takenBy());
    }

    @Test
    void deletingAnImageVmDisksAreClonedFromIs409NamingThemAndTheOwnerChecksAgain() throws Exception {
        PoolOwnership owner = builtAndImported();
        Path disk = file("disk.qcow2", "qcow2 bytes");
        whileOwnerRuns(owner, () -> manager("n1").importImage("deb", "tank", disk));
        vms.create(new VmSpec("web", null, 1, 64, List.of(), null, null, false, null,
                List.of(new VmDisk("root", "tank", 64, "deb"))));
        ConflictException e = assertThrows(ConflictException.class, () -> manager("n2").deleteImage("deb"));
        assertTrue(e.getMessage().contains("1 VM has a disk cloned from it: web"), e.getMessage());
        assertTrue(images.request("deb").isEmpty(), "nothing recorded");

        // a VM created after the manager's check: the owner refuses, the image stays
        images.request(ImageRequestRecord.deleting("r2", "deb", "tank", "n2"), pools.ownedAt("tank", owner.epoch()));
        tasks.submit("r2", PoolImages.DELETE_TASK, "deb", "n1");
        owner("n1").pass(driver, "tank", owner);
        assertEquals(TaskState.FAILED, tasks.byId.get("r2").state());
        assertTrue(tasks.byId.get("r2").error().contains("web"), tasks.byId.get("r2").error());
        assertEquals(List.of("deb"), driver.images("tank"));
        assertTrue(images.image("deb").isPresent() && images.request("deb").isEmpty());
    }

    @Test
    void aDeletionZfsRefusesBecauseOfClonesIs409AndTheImageStays() throws Exception {
        PoolOwnership owner = builtAndImported();
        Path disk = file("disk.qcow2", "qcow2 bytes");
        whileOwnerRuns(owner, () -> manager("n1").importImage("deb", "tank", disk));
        driver.cloneImage("tank", "deb", "deleted-vm-root", 1); // a volume of a VM deleted since
        ConflictException e = assertThrows(ConflictException.class,
                () -> whileOwnerRuns(owner, () -> { manager("n3").deleteImage("deb"); return null; }));
        assertTrue(e.getMessage().contains("origin of volumes"), e.getMessage());
        assertTrue(images.image("deb").isPresent());

        driver.clones.clear();
        whileOwnerRuns(owner, () -> { manager("n3").deleteImage("deb"); return null; });
        assertTrue(images.image("deb").isEmpty() && images.request("deb").isEmpty());
        assertEquals(List.of(), driver.images("tank"));
        assertThrows(NotFoundException.class, () -> manager("n1").deleteImage("deb"));
    }

    @Test
    void deletingThePoolRemovesItsImageRecordsInTheSameCommit() throws Exception {
        PoolOwnership owner = builtAndImported();
        Path disk = file("disk.qcow2", "qcow2 bytes");
        whileOwnerRuns(owner, () -> manager("n1").importImage("deb", "tank", disk));
        new PoolManager(pools, statuses, tasks, vms).deletePool("tank");
        driver.imported.add("tank");
        Pool pool = pools.get("tank").orElseThrow();
        assertTrue(new PoolDeletes(pools, statuses, tasks, underLease, p -> List.of(), "n1", images::removalOf)
                .pass(driver, new StorageFakes.Exports(), pool, owner, true));
        assertTrue(pools.get("tank").isEmpty());
        assertEquals(List.of(), images.images(), "image records went with the pool");
    }

    @Test
    void aVmDiskNamesAnImageOnItsPoolAtLeastAsLargeAsTheImage() throws Exception {
        PoolOwnership owner = builtAndImported();
        Path disk = file("disk.qcow2", "12345678"); // the fake driver: 8 MiB
        whileOwnerRuns(owner, () -> manager("n1").importImage("deb", "tank", disk));
        ImageManager service = manager("n2");
        VmImageCheck.check(spec(new VmDisk("root", "tank", 8, "deb")), service);
        UnsatisfiableException e = assertThrows(UnsatisfiableException.class,
                () -> VmImageCheck.check(spec(new VmDisk("root", "tank", 4, "deb")), service));
        assertTrue(e.getMessage().contains("4 MiB is smaller than image deb (8 MiB)"), e.getMessage());
        e = assertThrows(UnsatisfiableException.class,
                () -> VmImageCheck.check(spec(new VmDisk("root", "tank", 8, "nope")), service));
        assertTrue(e.getMessage().contains("image 'nope' does not exist"), e.getMessage());
        ConflictException c = assertThrows(ConflictException.class,
                () -> VmImageCheck.check(spec(new VmDisk("root", "other", 8, "deb")), service));
        assertTrue(c.getMessage().contains("has no copy on pool other (it is on tank)")
                && c.getMessage().contains("image:copy deb other"), c.getMessage());
        VmImageCheck.check(new VmSpec("k", null, 1, 64, List.of(), new BootSpec("k", null, null), null, false, null,
                List.of(new VmDisk("data", "tank", 1))), null); // no image: nothing asked
    }

    @Test
    void aVolumeFromAnImageIsAClone() throws Exception {
        PoolOwnership owner = builtAndImported();
        whileOwnerRuns(owner, () -> manager("n1").importImage("deb", "tank", uncheckedFile()));
        driver.imported.add("tank");
        VmSpec spec = new VmSpec("web", null, 1, 64, List.of(), null, null, false, null,
                List.of(new VmDisk("root", "tank", 64, "deb"), new VmDisk("data", "tank", 8)));
        var vm = new io.cairn.api.compute.Vm(java.util.UUID.randomUUID(), spec, io.cairn.api.compute.PowerState.STOPPED,
                Instant.now());
        var disks = new PoolVolumes("zfs", driver).attach(vm);
        assertEquals(Path.of("/p/tank/vols/" + vm.id() + "/root/disk.img"), disks.get(0).path());
        assertEquals("deb", driver.clones.get(vm.id() + "/root"));
        assertEquals(List.of(vm.id() + "/data"), driver.created);
        assertFalse(driver.clones.containsKey(vm.id() + "-data"));
    }

    @Test
    void anImportThisOwnerHadTakenBeforeARestartIsFailedAndItsLeftoverDestroyed() throws Exception {
        PoolOwnership owner = builtAndImported();
        Path spooled = file("up.upload", "qcow2 bytes");
        images.request(ImageRequestRecord.importing("r3", "half", "tank", spooled.toString(), "n1", true),
                pools.ownedAt("tank", owner.epoch()));
        tasks.submit("r3", PoolImages.IMPORT_TASK, "half", "n1");
        images.take(images.request("half").orElseThrow(), "n1", pools.ownedAt("tank", owner.epoch()), underLease);
        driver.importImage("tank", "half", spooled); // converted, then the node died before the commit
        owner("n1").pass(driver, "tank", owner);
        assertEquals(TaskState.FAILED, tasks.byId.get("r3").state());
        assertTrue(tasks.byId.get("r3").error().contains("interrupted by a restart of n1"), tasks.byId.get("r3").error());
        assertEquals(List.of(), driver.images("tank"), "the unrecorded image is destroyed");
        assertTrue(images.request("half").isEmpty() && images.image("half").isEmpty());
        assertFalse(Files.exists(spooled), "the spooled upload is deleted");
    }

    private Path uncheckedFile() {
        try {
            return file("disk.qcow2", "qcow2 bytes");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static VmSpec spec(VmDisk disk) {
        return new VmSpec("vm", null, 1, 64, List.of(), null, null, false, null, List.of(disk));
    }
}
