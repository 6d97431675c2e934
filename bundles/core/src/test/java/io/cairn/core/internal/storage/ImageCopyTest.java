package io.cairn.core.internal.storage;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.common.UnavailableException;
import io.cairn.api.compute.VmDisk;
import io.cairn.api.compute.VmSpec;
import io.cairn.api.state.StoreOp;
import io.cairn.api.storage.Image;
import io.cairn.api.storage.Pool;
import io.cairn.api.storage.PoolMember;
import io.cairn.api.storage.PoolOwnership;
import io.cairn.api.storage.PoolSpec;
import io.cairn.api.task.TaskState;
import io.cairn.api.transfer.TransferRefusedException;
import io.cairn.core.internal.compute.CoreFakes;
import io.cairn.testing.InMemoryConsistentStore;
import io.cairn.testing.InMemoryServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Copies of an image to another pool asked through {@link ImageManager}, carried out by the target
 * pool's owner ({@link PoolImages}) from the stream the source pool's owner serves
 * ({@link ImageTransferSource}), against the in-memory store with the real conditions. tank is owned
 * by n1, tank2 by n2; the channel between them is a byte array here.
 */
class ImageCopyTest {
    private final InMemoryConsistentStore raw = new InMemoryConsistentStore("n1");
    private final PoolStore pools = new PoolStore(raw);
    private final ImageStore images = new ImageStore(raw);
    private final StorageFakes.Statuses statuses = new StorageFakes.Statuses();
    private final CoreFakes.Tasks tasks = new CoreFakes.Tasks();
    private final StorageFakes.Driver driver = new StorageFakes.Driver();
    private final InMemoryServices vms = new InMemoryServices();
    private final ToLongFunction<List<StoreOp>> underLease = raw::commit;
    /** Which node's stream a copy opened, and what the source saw as its peer. */
    private final AtomicReference<String> opened = new AtomicReference<>();
    /** Set to cut the stream after this many bytes. */
    private volatile int cutAfter = -1;
    @TempDir
    Path dir;
    private PoolOwnership tank;
    private PoolOwnership tank2;

    @BeforeEach
    void pools() throws Exception {
        tank = pool("tank", "n1");
        tank2 = pool("tank2", "n2");
        Path disk = Files.writeString(dir.resolve("disk.qcow2"), "12345678"); // the fake: 8 MiB, qcow2
        whileOwnersRun(() -> manager("n1").importImage("deb", "tank", disk));
    }

    private PoolOwnership pool(String name, String owner) {
        PoolOwnership o = pools.create(new Pool(new PoolSpec(name, 1, null, false, owner),
                List.of(new PoolMember("n1", "/d/" + name + "1"), new PoolMember("n2", "/d/" + name + "2")),
                10809, Instant.now()), owner);
        pools.markBuilt(name, o);
        statuses.imported(name, owner, o.epoch(), true);
        return o;
    }

    private ImageManager manager(String node) {
        return new ImageManager(images, pools, statuses, tasks, vms, node, dir.resolve("spool-" + node));
    }

    /** The stream node {@code node} serves: its own source checks, what it writes, optionally cut short. */
    private InputStream stream(String requester, String node, String pool, String image) {
        opened.set(node);
        ImageTransferSource source = new ImageTransferSource(pools, statuses, images, driver, node);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            source.write(ImageTransferSource.resource(pool, image), requester, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = out.toByteArray();
        if (cutAfter < 0) {
            return new ByteArrayInputStream(bytes);
        }
        return new java.io.SequenceInputStream(new ByteArrayInputStream(bytes, 0, cutAfter), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("the transfer from node " + node + " failed: connection reset");
            }
        });
    }

    private PoolImages owner(String node) {
        return new PoolImages(images, pools, tasks, underLease, image -> VmImageCheck.vmsUsing(image, vms),
                (n, p, i) -> stream(node, n, p, i), node);
    }

    /** Runs the manager's call while both owners' passes run here, as their reconcilers' threads would. */
    private <T> T whileOwnersRun(Supplier<T> call) throws InterruptedException {
        CompletableFuture<T> f = CompletableFuture.supplyAsync(call);
        PoolImages n1 = owner("n1");
        PoolImages n2 = owner("n2");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!f.isDone() && System.nanoTime() < deadline) {
            n1.pass(driver, "tank", tank);
            n2.pass(driver, "tank2", tank2);
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

    @Test
    void aCopyIsStreamedFromTheSourceOwnerAndRecordedByTheTargetOwnerInOneCommit() throws Exception {
        Image copied = whileOwnersRun(() -> manager("n3").copyImage("deb", "tank2"));
        assertEquals(List.of("tank", "tank2"), copied.pools());
        assertEquals("tank", copied.pool(), "still the pool it was imported into");
        assertEquals("n1", opened.get(), "streamed from the owner of tank");
        assertEquals(List.of("deb"), driver.images("tank2"));
        assertEquals(driver.images.get("tank/deb"), driver.images.get("tank2/deb"), "the same image arrived");
        assertEquals(List.of(copied), images.images());
        assertTrue(images.request("deb").isEmpty(), "request removed in the commit that recorded the copy");
        assertTrue(tasks.byId.values().stream().anyMatch(t -> t.kind().equals(PoolImages.COPY_TASK)
                && t.state() == TaskState.SUCCEEDED && t.message().contains("bytes streamed")), tasks.byId.toString());
        VmImageCheck.check(spec(new VmDisk("root", "tank2", 8, "deb")), manager("n2")); // now a disk on tank2 may clone it
    }

    @Test
    void aCopyToAPoolThatHasItOrToNoPoolIsRefusedAndNothingIsRecorded() throws Exception {
        ConflictException e = assertThrows(ConflictException.class, () -> manager("n2").copyImage("deb", "tank"));
        assertTrue(e.getMessage().contains("is on pool tank already"), e.getMessage());
        assertThrows(NotFoundException.class, () -> manager("n2").copyImage("nope", "tank2"));
        assertThrows(NotFoundException.class, () -> manager("n2").copyImage("deb", "nopool"));
        assertThrows(NotFoundException.class, () -> manager("n2").copyImage("a/b", "tank2"));
        statuses.imported("tank2", "n2", tank2.epoch(), false);
        e = assertThrows(ConflictException.class, () -> manager("n2").copyImage("deb", "tank2"));
        assertTrue(e.getMessage().contains("pool 'tank2' is not imported"), e.getMessage());
        assertTrue(images.request("deb").isEmpty());
        assertEquals(List.of("tank"), images.image("deb").orElseThrow().pools());
        assertTrue(tasks.byId.values().stream().noneMatch(t -> t.kind().equals(PoolImages.COPY_TASK)));
    }

    @Test
    void aStreamThatBreaksOffLeavesNothingAndTheTaskFailsWithItsReason() throws Exception {
        cutAfter = 1000;
        UnavailableException e = assertThrows(UnavailableException.class,
                () -> whileOwnersRun(() -> manager("n1").copyImage("deb", "tank2")));
        assertTrue(e.getMessage().contains("was not copied to pool tank2") && e.getMessage().contains("connection reset"),
                e.getMessage());
        assertEquals(List.of(), driver.images("tank2"), "nothing received is left");
        assertEquals(List.of("tank"), images.image("deb").orElseThrow().pools());
        assertTrue(images.request("deb").isEmpty());
    }

    @Test
    void theSourceRefusesWhenItDoesNotOwnThePoolAndAStaleTargetOwnerNeverCopies() throws Exception {
        TransferRefusedException refused = assertThrows(TransferRefusedException.class,
                () -> new ImageTransferSource(pools, statuses, images, driver, "n2")
                        .write(ImageTransferSource.resource("tank", "deb"), "n3", new ByteArrayOutputStream()));
        assertTrue(refused.getMessage().contains("node n2 does not own pool tank (its owner is n1)"), refused.getMessage());
        refused = assertThrows(TransferRefusedException.class,
                () -> new ImageTransferSource(pools, statuses, images, driver, "n1")
                        .write(ImageTransferSource.resource("tank", "nope"), "n3", new ByteArrayOutputStream()));
        assertTrue(refused.getMessage().contains("no image named 'nope'"), refused.getMessage());

        images.request(ImageRequestRecord.copying("r1", "deb", "tank2", "tank", "n3"), pools.ownedAt("tank2", tank2.epoch()));
        raw.commit(List.of(pools.move("tank2", "n1", tank2.epoch()))); // a failover moved tank2 meanwhile
        owner("n2").pass(driver, "tank2", tank2);
        assertEquals(List.of(), driver.images("tank2"), "a stale owner never copies");
        assertEquals(null, images.request("deb").orElseThrow().request().takenBy());
    }

    @Test
    void aVmDiskOnAPoolWithoutACopyIs409NamingImageCopy() {
        ConflictException e = assertThrows(ConflictException.class,
                () -> VmImageCheck.check(spec(new VmDisk("root", "tank2", 8, "deb")), manager("n2")));
        assertTrue(e.getMessage().contains("no copy on pool tank2") && e.getMessage().contains("image:copy deb tank2"),
                e.getMessage());
    }

    @Test
    void deletingAnImageDestroysEveryCopyEachOnItsOwner() throws Exception {
        whileOwnersRun(() -> manager("n3").copyImage("deb", "tank2"));
        whileOwnersRun(() -> {
            manager("n3").deleteImage("deb");
            return null;
        });
        assertEquals(List.of(), driver.images("tank"));
        assertEquals(List.of(), driver.images("tank2"));
        assertTrue(images.image("deb").isEmpty() && images.request("deb").isEmpty());
    }

    @Test
    void deletingAPoolRemovesOnlyItsCopyFromTheRecord() throws Exception {
        whileOwnersRun(() -> manager("n3").copyImage("deb", "tank2"));
        new PoolManager(pools, statuses, tasks, vms).deletePool("tank");
        driver.imported.add("tank");
        assertTrue(new PoolDeletes(pools, statuses, tasks, underLease, p -> List.of(), "n1", images::removalOf)
                .pass(driver, new StorageFakes.Exports(), pools.get("tank").orElseThrow(), tank, true));
        Image left = images.image("deb").orElseThrow();
        assertEquals(List.of("tank2"), left.pools());
        assertEquals("tank2", left.pool(), "the remaining copy takes the place of the pool it was imported into");
    }

    private static VmSpec spec(VmDisk disk) {
        return new VmSpec("vm", null, 1, 64, List.of(), null, null, false, null, List.of(disk));
    }
}
