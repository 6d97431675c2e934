package io.cairn.transfer.internal;

import io.cairn.api.transfer.TransferRefusedException;
import org.apache.mina.core.session.IoSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The stream a caller reads: data frames the session delivers, held in a buffer of at most about
 * {@code capacity} bytes; when it is full the session stops reading from the network
 * ({@link IoSession#suspendRead()}), so TCP's window and the sender's high-water mark hold the source
 * back, and reading resumes once the caller drained half of it.
 */
final class ReceiverStream extends InputStream {
    private final int capacity;
    private final long timeoutNanos;
    private final String peer;
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private volatile IoSession session;
    private byte[] current;
    private int position;
    private long buffered;
    private boolean suspended;
    private boolean answered;
    private boolean ended;
    private boolean closed;
    private String error;
    private boolean refusal;
    private long peakBuffered;

    ReceiverStream(int capacity, Duration timeout, String peer) {
        this.capacity = capacity;
        this.timeoutNanos = timeout.toNanos();
        this.peer = peer;
    }

    void attach(IoSession s) {
        this.session = s;
    }

    // ---- the session's side (its I/O thread)

    synchronized void data(byte[] bytes) {
        if (closed || ended || error != null) {
            return;
        }
        answered = true;
        if (bytes.length > 0) {
            chunks.add(bytes);
            buffered += bytes.length;
            peakBuffered = Math.max(peakBuffered, buffered);
        }
        if (buffered >= capacity && !suspended && session != null) {
            suspended = true;
            session.suspendRead();
        }
        notifyAll();
    }

    synchronized void end() {
        answered = true;
        ended = true;
        notifyAll();
    }

    /** The source refused or failed: before anything arrived a refusal, later a broken stream. */
    synchronized void fail(String message, boolean fromSource) {
        if (ended || error != null) {
            return;
        }
        refusal = fromSource && !answered;
        error = message;
        answered = true;
        notifyAll();
    }

    synchronized long peakBuffered() {
        return peakBuffered;
    }

    // ---- the caller's side

    /** Waits for the source's first answer: its data or end, or a refusal. */
    synchronized void awaitAnswer() {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!answered) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new java.io.UncheckedIOException(new SocketTimeoutException("node " + peer + " did not answer within "
                        + Duration.ofNanos(timeoutNanos).toMillis() + " ms"));
            }
            try {
                waitNanos(left);
            } catch (InterruptedIOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        if (error != null && chunks.isEmpty()) {
            if (refusal) {
                throw new TransferRefusedException(error);
            }
            throw new java.io.UncheckedIOException(new IOException(error));
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (closed) {
            throw new IOException("the transfer stream from " + peer + " is closed");
        }
        long deadline = System.nanoTime() + timeoutNanos;
        while (current == null || position == current.length) {
            current = chunks.poll();
            position = 0;
            if (current != null) {
                buffered -= current.length;
                resumeIfDrained();
                continue;
            }
            if (error != null) {
                throw new IOException(error);
            }
            if (ended) {
                return -1;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("nothing arrived from " + peer + " for "
                        + Duration.ofNanos(timeoutNanos).toMillis() + " ms");
            }
            waitNanos(left);
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return (current == null ? 0 : current.length - position) + (int) Math.min(Integer.MAX_VALUE, buffered);
    }

    /** Closing before the end aborts the transfer: the session closes and the source's next write fails. */
    @Override
    public void close() {
        IoSession s;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            chunks.clear();
            buffered = 0;
            s = session;
            notifyAll();
        }
        if (s != null) {
            s.closeNow();
        }
    }

    private void resumeIfDrained() {
        if (suspended && buffered <= capacity / 2 && session != null) {
            suspended = false;
            session.resumeRead();
            wakeSelector(session);
        }
    }

    /**
     * MINA's resumeRead changes the key's interest from this thread but does not wake the processor's
     * select(), which then sleeps up to its 1 s timeout before reading again; a flush request does wake it
     * (and flushes nothing when nothing is queued).
     */
    @SuppressWarnings("unchecked")
    private static void wakeSelector(IoSession session) {
        if (session instanceof org.apache.mina.core.session.AbstractIoSession s) {
            ((org.apache.mina.core.service.IoProcessor<IoSession>) s.getProcessor()).flush(session);
        }
    }

    private void waitNanos(long nanos) throws InterruptedIOException {
        try {
            wait(Math.max(1, Math.min(nanos / 1_000_000, 1000)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading from " + peer);
        }
    }
}
