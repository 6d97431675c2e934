package io.cairn.storage.zfs.internal;

import io.cairn.api.storage.ImageFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@code qemu-img info --output=json} found, checked: raw with a boot sector and standalone qcow2 only. */
class QemuImgTest {
    private static final String QCOW2 = """
            {
                "virtual-size": 33554432,
                "filename": "disk.qcow2",
                "cluster-size": 65536,
                "format": "qcow2",
                "actual-size": 10031104,
                "format-specific": {"type": "qcow2", "data": {"compat": "1.1", "corrupt": false}},
                "dirty-flag": false
            }""";
    // QEMU 8 prints its children first, each with its own "format" (the protocol layer's, "file")
    private static final String QEMU8_RAW = """
            {"children": [{"name": "file", "info": {"children": [], "virtual-size": 1024, "filename": "x",
              "format": "file", "actual-size": 4096, "dirty-flag": false}}],
             "virtual-size": 1024, "filename": "x", "format": "raw", "actual-size": 4096, "dirty-flag": false}""";

    @Test
    void topLevelScalarsSkipNestedObjectsAndArrays() {
        var top = QemuImg.topLevelScalars(QEMU8_RAW);
        assertEquals("raw", top.get("format"));
        assertEquals("1024", top.get("virtual-size"));
        assertEquals("false", top.get("dirty-flag"));
        assertEquals("qcow2", QemuImg.topLevelScalars(QCOW2).get("format"));
    }

    @Test
    void aQcow2IsAcceptedWithItsVirtualSize(@TempDir Path dir) throws IOException {
        Path f = Files.write(dir.resolve("disk.qcow2"), new byte[16]);
        assertEquals(new ImageFile("qcow2", 33554432), QemuImg.check(f, QCOW2));
    }

    @Test
    void aRawFileNeedsTheBootSignature(@TempDir Path dir) throws IOException {
        byte[] sector = new byte[1024];
        Path plain = Files.write(dir.resolve("plain.img"), sector);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QemuImg.check(plain, QEMU8_RAW));
        assertTrue(e.getMessage().contains("detected format raw") && e.getMessage().contains("0x55AA"), e.getMessage());
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello\n");
        assertThrows(IllegalArgumentException.class, () -> QemuImg.check(text, QEMU8_RAW));
        sector[510] = 0x55;
        sector[511] = (byte) 0xaa;
        Path boot = Files.write(dir.resolve("boot.img"), sector);
        assertEquals(new ImageFile("raw", 1024), QemuImg.check(boot, QEMU8_RAW));
    }

    @Test
    void otherFormatsAndBackingFilesAreRefusedNamingWhatWasFound(@TempDir Path dir) throws IOException {
        Path f = Files.write(dir.resolve("d.vmdk"), new byte[16]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QemuImg.check(f, "{\"virtual-size\": 10, \"format\": \"vmdk\"}"));
        assertTrue(e.getMessage().contains("vmdk"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> QemuImg.check(f,
                "{\"virtual-size\": 10, \"format\": \"qcow2\", \"backing-filename\": \"/etc/shadow\"}"));
        assertTrue(e.getMessage().contains("backing file (/etc/shadow)"), e.getMessage());
    }

    @Test
    void convertsWithTheDetectedFormatNeverProbing() {
        assertEquals(java.util.List.of("qemu-img", "convert", "-f", "qcow2", "-O", "raw", "/u/a", "/p/disk.img"),
                QemuImg.convertToRaw("qcow2", Path.of("/u/a"), Path.of("/p/disk.img"), false));
        assertEquals(java.util.List.of("qemu-img", "convert", "-n", "-f", "raw", "-O", "raw", "/u/a", "/dev/zvol/t/images/x"),
                QemuImg.convertToRaw("raw", Path.of("/u/a"), Path.of("/dev/zvol/t/images/x"), true));
    }
}
