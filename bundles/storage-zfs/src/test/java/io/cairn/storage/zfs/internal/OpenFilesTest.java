package io.cairn.storage.zfs.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OpenFilesTest {
    @TempDir
    Path proc;

    @Test
    void namesTheProcessesHoldingFilesUnderTheDirectoryOnly() throws IOException {
        process(123, "qemu-system-x86", "/var/lib/cairn/pools/tank/vols/v1/disk.img", "/dev/null");
        process(124, "bash", "/var/lib/cairn/pools/tank2/x");
        process(125, "cat", "/var/lib/cairn/pools/tank");
        Files.createDirectories(proc.resolve("self"));

        List<String> found = OpenFiles.under(proc, Path.of("/var/lib/cairn/pools/tank"));

        assertEquals(List.of("pid 123 (qemu-system-x86): /var/lib/cairn/pools/tank/vols/v1/disk.img",
                "pid 125 (cat): /var/lib/cairn/pools/tank"), found.stream().sorted().toList());
    }

    @Test
    void aMissingProcTellsNothing() {
        assertEquals(List.of(), OpenFiles.under(proc.resolve("none"), Path.of("/x")));
    }

    private void process(int pid, String comm, String... open) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)).resolve("fd"));
        Files.writeString(proc.resolve(Integer.toString(pid)).resolve("comm"), comm + "\n");
        for (int fd = 0; fd < open.length; fd++) {
            Files.createSymbolicLink(dir.resolve(Integer.toString(fd)), Path.of(open[fd]));
        }
    }
}
