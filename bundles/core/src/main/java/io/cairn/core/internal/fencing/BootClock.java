package io.cairn.core.internal.fencing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The clock leases are timed on: CLOCK_BOOTTIME in nanoseconds, which keeps counting while the
 * host is suspended (CLOCK_MONOTONIC, behind {@link System#nanoTime()}, stops). A host that
 * wakes up after its lease ran out must see at once that it did, and so must its watchdog, which
 * reads the same clock.
 *
 * <p>Read from {@code /proc/uptime} (the kernel prints boot time there, 10 ms resolution). A
 * reading is never ahead of the true clock, so a deadline computed as "reading + timeout" is
 * never later than the true one. Where {@code /proc/uptime} is missing (not Linux), it falls back
 * to {@link System#nanoTime()} plus a fixed offset and says so in {@link #source()}.
 */
public final class BootClock {
    private static final Path UPTIME = Path.of("/proc/uptime");
    private static final BootClock SYSTEM = new BootClock();

    private final boolean proc;
    private final long fallbackOffset;

    private BootClock() {
        this.proc = Files.isReadable(UPTIME) && readUptime() >= 0;
        this.fallbackOffset = proc ? 0 : -System.nanoTime();
    }

    public static BootClock system() {
        return SYSTEM;
    }

    /** Nanoseconds since boot, suspend included. */
    public long nanos() {
        if (proc) {
            long n = readUptime();
            if (n >= 0) {
                return n;
            }
            throw new IllegalStateException("cannot read " + UPTIME + ": the lease clock is gone");
        }
        return System.nanoTime() + fallbackOffset;
    }

    /** What the clock reads, for logs and status. */
    public String source() {
        return proc ? "CLOCK_BOOTTIME (/proc/uptime)" : "CLOCK_MONOTONIC (no /proc/uptime: suspend is not counted)";
    }

    private static long readUptime() {
        try {
            String text = Files.readString(UPTIME, StandardCharsets.US_ASCII);
            return parseUptime(text);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** "12345.67 2345.12\n" → 12345670000000 ns. */
    static long parseUptime(String text) {
        String first = text.trim().split("\\s+", 2)[0];
        int dot = first.indexOf('.');
        if (dot < 0) {
            return Long.parseLong(first) * 1_000_000_000L;
        }
        long seconds = Long.parseLong(first.substring(0, dot));
        String frac = (first.substring(dot + 1) + "000000000").substring(0, 9);
        return seconds * 1_000_000_000L + Long.parseLong(frac);
    }
}
