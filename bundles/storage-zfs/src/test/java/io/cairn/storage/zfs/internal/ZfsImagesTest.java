package io.cairn.storage.zfs.internal;

import io.cairn.api.common.ConflictException;
import io.cairn.api.host.CommandResult;
import io.cairn.api.host.HostCommandException;
import io.cairn.api.host.HostCommands;
import io.cairn.api.storage.ImageFile;
import io.cairn.api.storage.VolumeBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Image import, listing, destruction and clones: the argv in order, and what is refused before any zfs call. */
class ZfsImagesTest {
    /** Answers each argv with {@code answer}'s result; a missing dataset is {@code zfs list} exiting 1. */
    private static final class ScriptedHost implements HostCommands {
        final List<List<String>> calls = new ArrayList<>();
        final Function<List<String>, CommandResult> answer;

        ScriptedHost(Function<List<String>, CommandResult> answer) {
            this.answer = answer;
        }

        @Override
        public CommandResult run(List<String> argv, Duration timeout) {
            CommandResult r = exec(argv, timeout);
            if (!r.succeeded()) {
                throw new HostCommandException(argv, r.exitCode(), r.stderr(), "exit " + r.exitCode(), null);
            }
            return r;
        }

        @Override
        public CommandResult exec(List<String> argv, Duration timeout) {
            calls.add(argv);
            return answer.apply(argv);
        }

        /** A stream call: answered like the others, its input read to the end first (as zfs receive would). */
        @Override
        public CommandResult pipe(List<String> argv, java.io.InputStream stdin, java.io.OutputStream stdout,
                                  Duration timeout) {
            try {
                if (stdin != null) {
                    stdin.readAllBytes();
                }
            } catch (IOException e) {
                calls.add(argv);
                throw new HostCommandException(argv, -1, "", "killed: its stdin broke off: " + e.getMessage(), e);
            }
            return run(argv, timeout);
        }

        List<List<String>> zfsCalls() {
            return calls.stream().filter(a -> a.get(0).equals("zfs")).toList();
        }
    }

    private static CommandResult ok(List<String> argv, String out) {
        return new CommandResult(argv, 0, out, "");
    }

    private static Path bootable(Path dir) throws IOException {
        byte[] b = new byte[4096];
        b[510] = 0x55;
        b[511] = (byte) 0xaa;
        return Files.write(dir.resolve("disk.img"), b);
    }

    @Test
    void importConvertsIntoItsOwnDatasetThenSnapshots(@TempDir Path dir) throws IOException {
        Path file = bootable(dir);
        Path root = dir.resolve("pools");
        ScriptedHost host = new ScriptedHost(argv -> {
            String joined = String.join(" ", argv);
            if (joined.startsWith("qemu-img info")) {
                return ok(argv, "{\"virtual-size\": 4096, \"format\": \"raw\"}");
            }
            if (joined.equals("zfs list -H -o name tank/images/boot")) {
                return new CommandResult(argv, 1, "", "cannot open 'tank/images/boot': dataset does not exist");
            }
            if (joined.startsWith("qemu-img convert")) {
                try {
                    Files.createDirectories(root.resolve("tank/images/boot"));
                    Files.write(Path.of(argv.get(argv.size() - 1)), new byte[4096]);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return ok(argv, "");
        });
        ImageFile found = new ZfsStorageDriver(host, root, VolumeBackend.FILE, false).importImage("tank", "boot", file);
        assertEquals(new ImageFile("raw", 4096), found);
        assertEquals(List.of(
                List.of("qemu-img", "info", "--output=json", file.toString()),
                List.of("zfs", "list", "-H", "-o", "name", "tank/images/boot"),
                List.of("zfs", "create", "-p", "tank/images/boot"),
                List.of("qemu-img", "convert", "-f", "raw", "-O", "raw", file.toString(),
                        root.resolve("tank/images/boot/disk.img").toString()),
                List.of("zfs", "snapshot", "tank/images/boot@image")), host.calls);
    }

    @Test
    void aRefusedFileTouchesNoDataset(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a disk\n");
        ScriptedHost host = new ScriptedHost(argv -> ok(argv, "{\"virtual-size\": 11, \"format\": \"raw\"}"));
        ZfsStorageDriver driver = new ZfsStorageDriver(host, dir, VolumeBackend.FILE, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> driver.importImage("tank", "notes", text));
        assertTrue(e.getMessage().contains("format raw"), e.getMessage());
        assertTrue(host.zfsCalls().isEmpty(), host.calls.toString());
        assertThrows(IllegalArgumentException.class, () -> driver.importImage("tank", "a/b", text));
        assertThrows(IllegalArgumentException.class, () -> driver.importImage("tank", "x", dir.resolve("absent")));
    }

    @Test
    void aFailedConversionDestroysTheHalfMadeDataset(@TempDir Path dir) throws IOException {
        Path file = bootable(dir);
        ScriptedHost host = new ScriptedHost(argv -> {
            String joined = String.join(" ", argv);
            if (joined.startsWith("qemu-img info")) {
                return ok(argv, "{\"virtual-size\": 4096, \"format\": \"raw\"}");
            }
            if (joined.startsWith("zfs list -H -o name")) {
                return new CommandResult(argv, 1, "", "dataset does not exist");
            }
            if (joined.startsWith("qemu-img convert")) {
                return new CommandResult(argv, 1, "", "qemu-img: error while writing: No space left on device");
            }
            return ok(argv, "");
        });
        HostCommandException e = assertThrows(HostCommandException.class,
                () -> new ZfsStorageDriver(host, dir, VolumeBackend.FILE, false).importImage("tank", "big", file));
        assertTrue(e.stderr().contains("No space left"), e.stderr());
        assertEquals(List.of("zfs", "destroy", "-r", "tank/images/big"), host.calls.get(host.calls.size() - 1));
    }

    @Test
    void imagesAreTheSnapshotsNamedImageUnderImages() {
        ScriptedHost host = new ScriptedHost(argv -> ok(argv,
                "tank/images/deb@image\ntank/images/alp@image\ntank/images/alp@other\ntank/vols/v@image\n"));
        assertEquals(List.of("alp", "deb"), new ZfsStorageDriver(host, Path.of("/p"), VolumeBackend.FILE, false).images("tank"));
        assertEquals(List.of("zfs", "list", "-H", "-t", "snapshot", "-o", "name", "-r", "tank"), host.calls.get(0));
    }

    @Test
    void destroyingAnImageWithClonesIsAConflictNamingThem() {
        ScriptedHost host = new ScriptedHost(argv -> argv.get(1).equals("destroy")
                ? new CommandResult(argv, 1, "", "cannot destroy 'tank/images/deb@image': snapshot has dependent clones\n"
                        + "use '-R' to destroy the following datasets:\ntank/vols/1234-root")
                : ok(argv, "tank/images/deb\n"));
        ConflictException e = assertThrows(ConflictException.class,
                () -> new ZfsStorageDriver(host, Path.of("/p"), VolumeBackend.FILE, false).destroyImage("tank", "deb"));
        assertTrue(e.getMessage().contains("tank/vols/1234-root"), e.getMessage());
        assertEquals(Set.of(List.of("zfs", "list", "-H", "-o", "name", "tank/images/deb"),
                List.of("zfs", "destroy", "-r", "tank/images/deb")), Set.copyOf(host.calls));
    }

    @Test
    void aCloneIsTheVolumeDatasetGrownToTheDiskSize(@TempDir Path root) throws IOException {
        ScriptedHost host = new ScriptedHost(argv -> {
            if (argv.get(1).equals("clone")) {
                try {
                    Files.createDirectories(root.resolve("tank/vols/vm-root"));
                    Files.write(root.resolve("tank/vols/vm-root/disk.img"), new byte[4096]);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return ok(argv, "");
        });
        Path path = new ZfsStorageDriver(host, root, VolumeBackend.FILE, false).cloneImage("tank", "deb", "vm-root", 1 << 20);
        assertEquals(root.resolve("tank/vols/vm-root/disk.img"), path);
        assertEquals(1 << 20, Files.size(path));
        assertEquals(List.of(List.of("zfs", "clone", "-p", "tank/images/deb@image", "tank/vols/vm-root")), host.calls);
    }

    @Test
    void aZvolCloneIsGrownThroughVolsize() {
        ScriptedHost host = new ScriptedHost(argv -> ok(argv, argv.get(1).equals("get") ? "4096\n" : ""));
        Path dev = new ZfsStorageDriver(host, Path.of("/p"), VolumeBackend.ZVOL, true).cloneImage("tank", "deb", "v", 8192);
        assertEquals(Path.of("/dev/zvol/tank/vols/v"), dev);
        assertEquals(List.of("zfs", "set", "volsize=8192", "tank/vols/v"), host.calls.get(host.calls.size() - 1));
    }

    @Test
    void aDestroyZfsFuseCallsBusyIsTriedAgain() {
        int[] destroys = {0};
        ScriptedHost host = new ScriptedHost(argv -> argv.get(1).equals("destroy") && destroys[0]++ == 0
                ? new CommandResult(argv, 1, "", "cannot destroy 'tank/images/deb': dataset is busy")
                : ok(argv, ""));
        new ZfsStorageDriver(host, Path.of("/p"), VolumeBackend.FILE, false).destroyImage("tank", "deb");
        assertEquals(2, destroys[0]);
    }

    @Test
    void aReceiveThatBreaksOffDestroysWhatItMadeAndAnExistingImageIsNeverOverwritten(@TempDir Path dir) {
        java.util.concurrent.atomic.AtomicBoolean made = new java.util.concurrent.atomic.AtomicBoolean();
        ScriptedHost host = new ScriptedHost(argv -> {
            String joined = String.join(" ", argv);
            if (joined.equals("zfs list -H -o name tank/images/deb")) {
                return made.get() ? ok(argv, "tank/images/deb\n")
                        : new CommandResult(argv, 1, "", "cannot open 'tank/images/deb': dataset does not exist");
            }
            return ok(argv, "");
        });
        java.io.InputStream breaking = new java.io.InputStream() {
            @Override
            public int read() throws IOException {
                made.set(true); // a partial dataset, as a receive of a broken stream may leave
                throw new IOException("the source node went away");
            }
        };
        ZfsStorageDriver driver = new ZfsStorageDriver(host, dir, VolumeBackend.FILE, false);
        HostCommandException e = assertThrows(HostCommandException.class, () -> driver.receiveImage("tank", "deb", breaking));
        assertTrue(e.getMessage().contains("the source node went away"), e.getMessage());
        assertEquals(List.of(
                List.of("zfs", "list", "-H", "-o", "name", "tank/images/deb"),
                List.of("zfs", "create", "-p", "tank/images"),
                List.of("zfs", "receive", "tank/images/deb"),
                List.of("zfs", "list", "-H", "-o", "name", "tank/images/deb"),
                List.of("zfs", "destroy", "-r", "tank/images/deb")), host.zfsCalls());

        ScriptedHost has = new ScriptedHost(argv -> String.join(" ", argv).startsWith("zfs list -H -t snapshot")
                || argv.contains("snapshot") ? ok(argv, "tank/images/deb@image\n") : ok(argv, "tank/images/deb\n"));
        ConflictException c = assertThrows(ConflictException.class, () -> new ZfsStorageDriver(has, dir, VolumeBackend.FILE,
                false).receiveImage("tank", "deb", java.io.InputStream.nullInputStream()));
        assertTrue(c.getMessage().contains("already has an image deb"), c.getMessage());
        assertTrue(has.zfsCalls().stream().noneMatch(a -> a.contains("receive") || a.contains("destroy")), has.calls.toString());
    }
}
