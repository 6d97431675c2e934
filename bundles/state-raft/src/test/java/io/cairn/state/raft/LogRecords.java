package io.cairn.state.raft;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of a member's FileBasedLog file (entries.raft), for tests that damage it. Record header: magic 1 (1
 * byte), total length (4), term (8), index (8), internal (1), data length (4). FileBasedLog pads the file ahead of
 * the data, so the records end before the file does.
 */
final class LogRecords {
    static final int TERM_OFFSET = 5;
    private static final int HEADER = 26;

    record Record(long offset, int length, long term, long index) {
        long end() {
            return offset + length;
        }
    }

    private LogRecords() {
    }

    static Path entriesFile(Path dataDir, String member) {
        return dataDir.resolve(member).resolve(member + ".log").resolve("entries.raft");
    }

    static List<Record> read(Path entries) throws IOException {
        List<Record> out = new ArrayList<>();
        try (RandomAccessFile f = new RandomAccessFile(entries.toFile(), "r")) {
            long at = 0;
            while (at + HEADER <= f.length()) {
                f.seek(at);
                if (f.readByte() != 1) {
                    break;
                }
                int total = f.readInt();
                if (total < HEADER) {
                    break;
                }
                out.add(new Record(at, total, f.readLong(), f.readLong()));
                at += total;
            }
        }
        return out;
    }
}
