package io.cairn.state.raft.internal;

import io.cairn.api.state.StoreOp;
import io.cairn.api.state.Versioned;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Binary encoding of commands (log entries and read requests) and of their results.
 *
 * <p>A command is {@code [body][crc32 of body]}; the body starts with a format byte and a type byte. The CRC lets
 * start-up validation and the applier detect a torn or corrupted log record (FileBasedLog has no checksum).
 */
public final class Codec {
    static final byte FORMAT = 1;

    public static final byte CMD_WRITE = 1;
    private static final byte OP_DELETE = 0;
    private static final byte OP_PUT = 1;
    private static final byte OP_CHECK = 2;
    public static final byte CMD_NOOP = 2;
    public static final byte CMD_GET = 3;
    public static final byte CMD_LIST = 4;
    /** A read of several keys at one point of the log (never in the log: reads are not logged). */
    public static final byte CMD_GET_ALL = 5;

    public static final byte RES_OK = 0;
    public static final byte RES_CONFLICT = 1;
    public static final byte RES_READ = 2;
    public static final byte RES_RETRY = 3;
    public static final byte RES_ERROR = 4;

    private Codec() {
    }

    /** A decoded command. */
    public record Command(byte type, UUID requestId, List<StoreOp> ops, String key, List<String> keys) {
        Command(byte type, UUID requestId, List<StoreOp> ops, String key) {
            this(type, requestId, ops, key, List.of());
        }

        public boolean isRead() {
            return type == CMD_GET || type == CMD_LIST || type == CMD_GET_ALL;
        }
    }

    /** A decoded result. */
    public record Result(byte type, long index, String conflictKey, long expected, long actual,
                         List<Versioned> values, String error) {
    }

    public static byte[] write(UUID requestId, List<StoreOp> ops) {
        return encode(out -> {
            out.writeByte(CMD_WRITE);
            writeUuid(out, requestId);
            out.writeInt(ops.size());
            for (StoreOp op : ops) {
                writeString(out, op.key());
                // 0 delete, 1 put (what a boolean "has value" wrote before checks existed), 2 check
                out.writeByte(op.checkOnly() ? OP_CHECK : op.value() != null ? OP_PUT : OP_DELETE);
                if (op.value() != null) {
                    writeString(out, op.value());
                }
                out.writeLong(op.expectedVersion());
            }
        });
    }

    public static byte[] noop(UUID requestId) {
        return encode(out -> {
            out.writeByte(CMD_NOOP);
            writeUuid(out, requestId);
        });
    }

    public static byte[] get(String key) {
        return encode(out -> {
            out.writeByte(CMD_GET);
            writeString(out, key);
        });
    }

    public static byte[] getAll(List<String> keys) {
        return encode(out -> {
            out.writeByte(CMD_GET_ALL);
            out.writeInt(keys.size());
            for (String key : keys) {
                writeString(out, key);
            }
        });
    }

    public static byte[] list(String prefix) {
        return encode(out -> {
            out.writeByte(CMD_LIST);
            writeString(out, prefix);
        });
    }

    /** True if the buffer holds a complete command with a matching checksum. */
    public static boolean verify(byte[] buf, int offset, int length) {
        if (buf == null || length < 6) {
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(buf, offset, length - 4);
        int stored = ((buf[offset + length - 4] & 0xff) << 24) | ((buf[offset + length - 3] & 0xff) << 16)
                | ((buf[offset + length - 2] & 0xff) << 8) | (buf[offset + length - 1] & 0xff);
        return (int) crc.getValue() == stored && buf[offset] == FORMAT;
    }

    public static Command decode(byte[] buf, int offset, int length) throws IOException {
        if (!verify(buf, offset, length)) {
            throw new IOException("command fails its checksum (corrupted log record?)");
        }
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(buf, offset + 1, length - 5));
        byte type = in.readByte();
        switch (type) {
            case CMD_WRITE: {
                UUID id = readUuid(in);
                int n = in.readInt();
                List<StoreOp> ops = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    String key = readString(in);
                    byte kind = in.readByte();
                    if (kind < OP_DELETE || kind > OP_CHECK) {
                        throw new IOException("unknown op kind " + kind);
                    }
                    String value = kind == OP_PUT ? readString(in) : null;
                    ops.add(new StoreOp(key, value, in.readLong(), kind == OP_CHECK));
                }
                return new Command(type, id, ops, null);
            }
            case CMD_NOOP:
                return new Command(type, readUuid(in), List.of(), null);
            case CMD_GET:
            case CMD_LIST:
                return new Command(type, null, List.of(), readString(in));
            case CMD_GET_ALL: {
                int n = in.readInt();
                if (n < 0 || n > length) {
                    throw new IOException("bad key count " + n);
                }
                List<String> keys = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    keys.add(readString(in));
                }
                return new Command(type, null, List.of(), null, keys);
            }
            default:
                throw new IOException("unknown command type " + type);
        }
    }

    public static byte[] ok(long index) {
        return result(out -> {
            out.writeByte(RES_OK);
            out.writeLong(index);
        });
    }

    public static byte[] conflict(long index, String key, long expected, long actual) {
        return result(out -> {
            out.writeByte(RES_CONFLICT);
            out.writeLong(index);
            writeString(out, key);
            out.writeLong(expected);
            out.writeLong(actual);
        });
    }

    public static byte[] read(List<Versioned> values) {
        return result(out -> {
            out.writeByte(RES_READ);
            out.writeInt(values.size());
            for (Versioned v : values) {
                writeVersioned(out, v);
            }
        });
    }

    public static byte[] retry() {
        return result(out -> out.writeByte(RES_RETRY));
    }

    public static byte[] error(String message) {
        return result(out -> {
            out.writeByte(RES_ERROR);
            writeString(out, message == null ? "error" : message);
        });
    }

    public static Result decodeResult(byte[] buf) throws IOException {
        if (buf == null || buf.length == 0) {
            throw new IOException("empty result");
        }
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(buf));
        byte type = in.readByte();
        switch (type) {
            case RES_OK:
                return new Result(type, in.readLong(), null, 0, 0, List.of(), null);
            case RES_CONFLICT: {
                long index = in.readLong();
                String key = readString(in);
                return new Result(type, index, key, in.readLong(), in.readLong(), List.of(), null);
            }
            case RES_READ: {
                int n = in.readInt();
                List<Versioned> values = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    values.add(readVersioned(in));
                }
                return new Result(type, 0, null, 0, 0, values, null);
            }
            case RES_RETRY:
                return new Result(type, 0, null, 0, 0, List.of(), null);
            case RES_ERROR:
                return new Result(type, 0, null, 0, 0, List.of(), readString(in));
            default:
                throw new IOException("unknown result type " + type);
        }
    }

    static void writeVersioned(DataOutput out, Versioned v) throws IOException {
        writeString(out, v.key());
        writeString(out, v.value());
        out.writeLong(v.version());
    }

    static Versioned readVersioned(DataInput in) throws IOException {
        return new Versioned(readString(in), readString(in), in.readLong());
    }

    static void writeString(DataOutput out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String readString(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 64 * 1024 * 1024) {
            throw new IOException("bad string length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    static void writeUuid(DataOutput out, UUID id) throws IOException {
        out.writeLong(id.getMostSignificantBits());
        out.writeLong(id.getLeastSignificantBits());
    }

    static UUID readUuid(DataInput in) throws IOException {
        return new UUID(in.readLong(), in.readLong());
    }

    interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] encode(Writer w) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(FORMAT);
            w.write(out);
            out.flush();
            CRC32 crc = new CRC32();
            byte[] body = bytes.toByteArray();
            crc.update(body);
            out.writeInt((int) crc.getValue());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] result(Writer w) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
            DataOutputStream out = new DataOutputStream(bytes);
            w.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
