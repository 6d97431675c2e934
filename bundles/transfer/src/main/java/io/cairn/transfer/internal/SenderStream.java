package io.cairn.transfer.internal;

import org.apache.mina.core.session.IoSession;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a source writes into: bytes cut into {@link Frames#DATA} frames of the chunk size, each written
 * only while less than the high-water mark of earlier frames is still unwritten, so a slow reader makes
 * the source wait instead of the heap fill. Unwritten is counted from the frames' write futures, not from
 * {@link IoSession#getScheduledWriteBytes()}: MINA's TLS filter holds frames of its own it cannot encrypt
 * yet, which the session does not count (and it fails once too many pile up).
 */
final class SenderStream extends OutputStream {
    private final IoSession session;
    private final int highWater;
    private final byte[] chunk;
    private final AtomicLong peakScheduled;
    private final Object sent = new Object();
    private final AtomicLong unwritten = new AtomicLong();
    private int filled;
    private boolean started;

    SenderStream(IoSession session, int highWater, int chunkBytes, AtomicLong peakScheduled) {
        this.session = session;
        this.highWater = highWater;
        this.chunk = new byte[chunkBytes];
        this.peakScheduled = peakScheduled;
    }

    /** Called on the session's I/O thread when a write went out or the session closed. */
    void wake() {
        synchronized (sent) {
            sent.notifyAll();
        }
    }

    /** Whether anything was sent yet (a refusal after that can only break the stream). */
    boolean started() {
        return started;
    }

    @Override
    public void write(int b) throws IOException {
        if (filled == chunk.length) {
            send();
        }
        chunk[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (filled == chunk.length) {
                send();
            }
            int n = Math.min(len, chunk.length - filled);
            System.arraycopy(b, off, chunk, filled, n);
            filled += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        if (filled > 0) {
            send();
        }
    }

    private void send() throws IOException {
        awaitRoom();
        started = true;
        write(Frames.frame(Frames.DATA, chunk, 0, filled));
        filled = 0;
    }

    /** Writes a frame, counted as unwritten until its write future is done. */
    org.apache.mina.core.future.WriteFuture write(org.apache.mina.core.buffer.IoBuffer frame) {
        int bytes = frame.remaining();
        peakScheduled.accumulateAndGet(unwritten.addAndGet(bytes), Math::max);
        org.apache.mina.core.future.WriteFuture written = session.write(frame);
        written.addListener(f -> {
            unwritten.addAndGet(-bytes);
            wake();
        });
        return written;
    }

    /** Waits while the high-water mark or more is unwritten; fails once the peer went away. */
    void awaitRoom() throws IOException {
        synchronized (sent) {
            while (session.isConnected() && !session.isClosing() && unwritten.get() >= highWater) {
                try {
                    sent.wait(100); // a timed wait: a sent event between the check and the wait is not lost for long
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while the peer was reading slowly");
                }
            }
        }
        if (!session.isConnected() || session.isClosing()) {
            throw new IOException("the peer " + session.getRemoteAddress() + " closed the transfer");
        }
    }
}
