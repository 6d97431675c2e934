package io.cairn.state.raft.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * A snapshot file: {@code [length][body][crc32 of body]}, written to a temporary file, fsynced, moved into place and
 * its directory fsynced, so a crash leaves either the old snapshot or the whole new one.
 */
public final class SnapshotFile {
    private SnapshotFile() {
    }

    public static void write(Path target, byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + 8);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(body.length);
        out.write(body);
        CRC32 crc = new CRC32();
        crc.update(body);
        out.writeInt((int) crc.getValue());
        out.flush();
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes.toByteArray());
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        fsyncDirectory(target.getParent());
    }

    /** The body of a snapshot file; IOException when it is short or fails its checksum. */
    public static byte[] read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < 8) {
            throw new IOException("snapshot " + file + " is truncated (" + all.length + " bytes)");
        }
        ByteBuffer buf = ByteBuffer.wrap(all);
        int len = buf.getInt();
        if (len < 0 || len != all.length - 8) {
            throw new IOException("snapshot " + file + " has length " + len + " but " + (all.length - 8)
                    + " bytes of body");
        }
        byte[] body = new byte[len];
        buf.get(body);
        CRC32 crc = new CRC32();
        crc.update(body);
        if ((int) crc.getValue() != buf.getInt()) {
            throw new IOException("snapshot " + file + " fails its checksum");
        }
        return body;
    }

    static void fsyncDirectory(Path dir) throws IOException {
        if (dir == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
