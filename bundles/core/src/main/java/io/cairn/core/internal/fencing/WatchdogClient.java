package io.cairn.core.internal.fencing;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Client of the node's fencing watchdog ({@code bin/cairn-watchdog}), a supervisor process
 * outside the JVM that SIGKILLs this node's QEMUs when it is armed and not fed in time.
 *
 * <p>Line protocol over a UNIX stream socket: {@code arm <ms>}, {@code feed}, {@code grace <ms>},
 * {@code disarm}, {@code status}; each answered by {@code ok ...} or {@code error <reason>}.
 * Closing the connection does not disarm the watchdog.
 *
 * <p>Each call (re)connects when needed and retries once on a fresh connection after an I/O
 * failure (every command is idempotent); a reply that does not arrive within the reply timeout
 * fails the call at once (a stopped watchdog must not stall the caller twice). Thread-safe.
 */
public final class WatchdogClient implements AutoCloseable {

    public static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_REPLY = 1024;

    /** Watchdog state as reported by {@code status}: QEMUs it sees, and those that survived a kill. */
    public record Status(boolean armed, long remainingMs, long fired, int qemus, int unkillable) {
    }

    /** The watchdog could not be reached or did not answer in time. */
    public static class WatchdogException extends IOException {
        private static final long serialVersionUID = 1L;

        public WatchdogException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The watchdog answered {@code error <reason>} (e.g. disarm while a QEMU runs). */
    public static final class WatchdogRefusedException extends WatchdogException {
        private static final long serialVersionUID = 1L;
        private final String reason;

        public WatchdogRefusedException(String command, String reason) {
            super("watchdog refused '" + command + "': " + reason, null);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    private final Path socket;
    private final Duration replyTimeout;
    private SocketChannel channel;
    private Selector selector;
    private final ByteBuffer in = ByteBuffer.allocate(MAX_REPLY);
    private boolean closed;

    public WatchdogClient(Path socket) {
        this(socket, DEFAULT_REPLY_TIMEOUT);
    }

    public WatchdogClient(Path socket, Duration replyTimeout) {
        this.socket = Objects.requireNonNull(socket, "socket");
        this.replyTimeout = Objects.requireNonNull(replyTimeout, "replyTimeout");
        if (replyTimeout.isNegative() || replyTimeout.isZero()) {
            throw new IllegalArgumentException("replyTimeout must be positive");
        }
    }

    public Path socket() {
        return socket;
    }

    /** Sets the timeout and arms; the timer starts now. */
    public void arm(Duration timeout) throws WatchdogException {
        call("arm " + millis(timeout, "timeout"));
    }

    /** Restarts the timer. Refused when not armed. */
    public void feed() throws WatchdogException {
        call("feed");
    }

    /**
     * Arms, but never past {@code untilNanos}, an absolute {@link BootClock} value (the watchdog
     * reads the same CLOCK_BOOTTIME): a message delayed by a pause cannot extend it.
     */
    public void arm(Duration timeout, long untilNanos) throws WatchdogException {
        call("arm " + millis(timeout, "timeout") + " " + untilNanos);
    }

    /** Restarts the timer, but never past {@code untilNanos}; refused once that has passed. */
    public void feedUntil(long untilNanos) throws WatchdogException {
        call("feed " + untilNanos);
    }

    /** Planned restart: extends the deadline to at least now + {@code grace}. */
    public void grace(Duration grace) throws WatchdogException {
        call("grace " + millis(grace, "grace"));
    }

    /**
     * Planned restart: extends the deadline to at least now + {@code grace}, but never past
     * {@code untilNanos} ({@link BootClock}); refused while the watchdog is fencing.
     */
    public void grace(Duration grace, long untilNanos) throws WatchdogException {
        call("grace " + millis(grace, "grace") + " " + untilNanos);
    }

    /** Disarms; refused while a QEMU of this node runs. */
    public void disarm() throws WatchdogException {
        call("disarm");
    }

    public Status status() throws WatchdogException {
        String reply = call("status");
        Map<String, String> kv = new HashMap<>();
        for (String token : reply.split("\\s+")) {
            int eq = token.indexOf('=');
            if (eq > 0) {
                kv.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        try {
            return new Status("1".equals(kv.get("armed")),
                    Long.parseLong(kv.getOrDefault("remaining_ms", "")),
                    Long.parseLong(kv.getOrDefault("fired", "")),
                    Integer.parseInt(kv.getOrDefault("qemus", "0")),
                    Integer.parseInt(kv.getOrDefault("unkillable", "0")));
        } catch (NumberFormatException e) {
            throw new WatchdogException("malformed status reply from " + socket + ": " + reply, e);
        }
    }

    /** Closes the connection; the watchdog stays armed if it was. */
    @Override
    public synchronized void close() {
        closed = true;
        disconnect();
    }

    // ------------------------------------------------------------------ internals

    private static long millis(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + d);
        }
        return d.toMillis();
    }

    /** Sends one command; returns the text after "ok" (trimmed). */
    private synchronized String call(String command) throws WatchdogException {
        if (closed) {
            throw new WatchdogException("watchdog client for " + socket + " is closed", null);
        }
        IOException first = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            boolean fresh = channel == null;
            try {
                if (fresh) {
                    connect();
                }
                String reply = exchange(command);
                if (reply.equals("ok") || reply.startsWith("ok ")) {
                    return reply.substring(2).trim();
                }
                if (reply.startsWith("error")) {
                    throw new WatchdogRefusedException(command, reply.substring(5).trim());
                }
                disconnect();
                throw new WatchdogException("unexpected reply from watchdog " + socket + " to '"
                        + command + "': " + reply, null);
            } catch (ReplyTimeoutException e) {
                disconnect();
                throw new WatchdogException("watchdog " + socket + " did not answer '" + command
                        + "' within " + replyTimeout.toMillis() + " ms", e);
            } catch (WatchdogException e) {
                throw e;
            } catch (IOException e) {
                disconnect();
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
                if (fresh) {
                    break; // a fresh connection failed: no point in another one
                }
            }
        }
        throw new WatchdogException("watchdog " + socket + " unreachable for '" + command + "': "
                + first.getMessage(), first);
    }

    private void connect() throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket)); // blocking; local, immediate
            ch.configureBlocking(false);
            selector = Selector.open();
            ch.register(selector, SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        channel = ch;
        in.clear();
    }

    private void disconnect() {
        try {
            if (selector != null) {
                selector.close();
            }
        } catch (IOException ignored) {
            // nothing to do
        }
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing to do
        }
        selector = null;
        channel = null;
        in.clear();
    }

    private String exchange(String command) throws IOException {
        ByteBuffer out = ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + replyTimeout.toNanos();
        while (out.hasRemaining()) {
            if (channel.write(out) == 0) {
                waitFor(deadline);  // socket buffer full: the watchdog is not reading
            }
        }
        while (true) {
            String line = takeLine();
            if (line != null) {
                return line;
            }
            int n = channel.read(in);
            if (n < 0) {
                throw new IOException("watchdog closed the connection");
            }
            if (n == 0) {
                if (!in.hasRemaining()) {
                    throw new IOException("reply longer than " + MAX_REPLY + " bytes");
                }
                waitFor(deadline);
            }
        }
    }

    private String takeLine() {
        for (int i = 0; i < in.position(); i++) {
            if (in.get(i) == '\n') {
                byte[] bytes = new byte[i];
                in.flip();
                in.get(bytes);
                in.get(); // '\n'
                in.compact();
                return new String(bytes, StandardCharsets.UTF_8).trim();
            }
        }
        return null;
    }

    private void waitFor(long deadline) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new ReplyTimeoutException();
        }
        selector.select(Math.max(1, left / 1_000_000));
        selector.selectedKeys().clear();
    }

    private static final class ReplyTimeoutException extends IOException {
        private static final long serialVersionUID = 1L;
    }
}
