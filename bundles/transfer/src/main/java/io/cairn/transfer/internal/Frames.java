package io.cairn.transfer.internal;

import org.apache.mina.core.buffer.IoBuffer;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The channel's wire format inside TLS: frames of {@code [type: 1 byte][length: 4 bytes][payload]}.
 * The client sends one {@link #REQUEST} (node asked for, channel, resource); the server answers with
 * {@link #DATA} frames and one {@link #END}, or an {@link #ERROR} (a UTF-8 message) at any point, so a
 * source that fails midway is told apart from a complete stream.
 */
final class Frames {
    static final byte REQUEST = 1;
    static final byte DATA = 2;
    static final byte END = 3;
    static final byte ERROR = 4;
    static final int HEADER = 5;

    private Frames() {
    }

    /** A frame read off the wire. */
    record Frame(byte type, byte[] payload) {
    }

    /** What a client asks for: the node it means to reach, the source's channel and the resource. */
    record Request(String node, String channel, String resource) {
    }

    static IoBuffer frame(byte type, byte[] payload, int offset, int length) {
        IoBuffer buffer = IoBuffer.allocate(HEADER + length);
        buffer.put(type).putInt(length).put(payload, offset, length).flip();
        return buffer;
    }

    static IoBuffer request(Request request) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(request.node());
            out.writeUTF(request.channel());
            out.writeUTF(request.resource());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a request", e);
        }
        byte[] b = bytes.toByteArray();
        return frame(REQUEST, b, 0, b.length);
    }

    static Request request(byte[] payload) throws ProtocolException {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload))) {
            return new Request(in.readUTF(), in.readUTF(), in.readUTF());
        } catch (IOException e) {
            throw new ProtocolException("malformed transfer request: " + e.getMessage());
        }
    }

    static IoBuffer error(String message) {
        byte[] b = (message == null ? "failed" : message).getBytes(StandardCharsets.UTF_8);
        int length = Math.min(b.length, 16 << 10);
        return frame(ERROR, b, 0, length);
    }

    static IoBuffer end() {
        return frame(END, new byte[0], 0, 0);
    }

    /** Cuts the bytes a session receives (any boundaries) into frames. Not thread-safe: one per session. */
    static final class Decoder {
        private final IoBuffer pending = IoBuffer.allocate(64 << 10).setAutoExpand(true);

        List<Frame> feed(IoBuffer in) throws ProtocolException {
            pending.put(in);
            pending.flip();
            List<Frame> out = new ArrayList<>();
            while (pending.remaining() >= HEADER) {
                pending.mark();
                byte type = pending.get();
                int length = pending.getInt();
                if (type < REQUEST || type > ERROR || length < 0 || length > TransferSettings.MAX_FRAME) {
                    throw new ProtocolException("not a transfer frame (type " + type + ", length " + length + ")");
                }
                if (pending.remaining() < length) {
                    pending.reset();
                    break;
                }
                byte[] payload = new byte[length];
                pending.get(payload);
                out.add(new Frame(type, payload));
            }
            pending.compact();
            return out;
        }
    }
}
