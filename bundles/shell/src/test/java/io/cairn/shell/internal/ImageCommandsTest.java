package io.cairn.shell.internal;

import io.cairn.api.common.ConflictException;
import io.cairn.testing.InMemoryImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageCommandsTest {
    private final InMemoryImages images = new InMemoryImages("n1").pool("tank", "n1").pool("far", "n2");
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    @TempDir
    Path dir;

    private PrintStream out() {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private ImageImportCommand importing(String name, Path file, String pool) {
        ImageImportCommand c = new ImageImportCommand();
        c.admin = images;
        c.name = name;
        c.file = file.toString();
        c.pool = pool;
        c.out = out();
        return c;
    }

    private Path bootable() throws Exception {
        byte[] b = new byte[2 << 20];
        b[510] = 0x55;
        b[511] = (byte) 0xaa;
        return Files.write(dir.resolve("disk.img"), b);
    }

    @Test
    void importListDelete() throws Exception {
        importing("boot", bootable(), "tank").execute();
        assertEquals("Image boot imported into pool tank (raw, 2 MiB)\n", bytes.toString(StandardCharsets.UTF_8));
        bytes.reset();
        ImageListCommand list = new ImageListCommand();
        list.images = images;
        list.out = out();
        list.execute();
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("boot") && table.contains("tank") && table.contains("raw"), table);
        bytes.reset();
        ImageDeleteCommand delete = new ImageDeleteCommand();
        delete.admin = images;
        delete.name = "boot";
        delete.out = out();
        delete.execute();
        assertEquals("Image boot deleted\n", bytes.toString(StandardCharsets.UTF_8));
        assertEquals(Set.of(), images.names());
    }

    @Test
    void copyPrintsThePoolsAndARepeatIsTheServicesRefusal() throws Exception {
        importing("boot", bootable(), "tank").execute();
        bytes.reset();
        ImageCopyCommand copy = new ImageCopyCommand();
        copy.admin = images;
        copy.name = "boot";
        copy.pool = "far";
        copy.out = out();
        copy.execute();
        assertEquals("Image boot copied to pool far (now on far, tank)\n", bytes.toString(StandardCharsets.UTF_8));
        ConflictException again = assertThrows(ConflictException.class, copy::execute);
        assertTrue(again.getMessage().contains("is on pool far already"), again.getMessage());
    }

    @Test
    void refusalsAreTheServicesMessage() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "text\n");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> importing("notes", text, "tank").execute());
        assertTrue(bad.getMessage().contains("not a disk image"), bad.getMessage());
        ConflictException elsewhere = assertThrows(ConflictException.class,
                () -> importing("boot", bootable(), "far").execute());
        assertTrue(elsewhere.getMessage().contains("send the import to n2"), elsewhere.getMessage());
        assertEquals(Set.of(), images.names());
    }
}
