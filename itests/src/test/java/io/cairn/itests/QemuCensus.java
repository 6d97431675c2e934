package io.cairn.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the host's process table (every namespace's processes are visible from the root one)
 * for the QEMUs of one domain, at least every 0.2 s, and counts the moments two were alive.
 * This is what the backend shows, independent of Cairn's and libvirt's own views.
 */
final class QemuCensus implements AutoCloseable {
    private static final long PERIOD_MS = 100;

    private final String marker;
    private final Thread thread;
    private final AtomicInteger samples = new AtomicInteger();
    private final AtomicInteger doubles = new AtomicInteger();
    private final AtomicInteger worst = new AtomicInteger();
    private final AtomicLong longestGapNanos = new AtomicLong();
    private volatile boolean stop;

    /** One QEMU's life, to within a sample: from the first sample that showed its pid to the last. */
    record Life(long pid, java.time.Instant first, java.time.Instant last) {
    }

    private final java.util.Map<Long, java.time.Instant[]> lives = new java.util.HashMap<>();

    /** The lives of the domain's QEMUs seen so far, by start. */
    List<Life> lives() {
        synchronized (lives) {
            List<Life> out = new ArrayList<>();
            lives.forEach((pid, t) -> out.add(new Life(pid, t[0], t[1])));
            out.sort(java.util.Comparator.comparing(Life::first));
            return out;
        }
    }

    /** The result of one census. */
    record Result(int samples, int doubleMoments, int maxAlive, double longestGapSeconds) {
        @Override
        public String toString() {
            return String.format("samples=%d moments-with-two-QEMUs=%d max-alive=%d longest-gap=%.2fs",
                    samples, doubleMoments, maxAlive, longestGapSeconds);
        }
    }

    QemuCensus(String domain) {
        this.marker = "guest=" + domain + ",";
        this.thread = new Thread(this::run, "qemu-census-" + domain);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * True when argv[0] names a QEMU binary: a wrapper script that runs QEMU as its child carries
     * the same arguments but is not a second QEMU.
     */
    static boolean isQemu(String cmdline) {
        int end = cmdline.indexOf('\0');
        String argv0 = end < 0 ? cmdline : cmdline.substring(0, end);
        String base = argv0.substring(argv0.lastIndexOf('/') + 1);
        return base.startsWith("qemu-system-") || base.equals("qemu-kvm");
    }

    /** QEMU pids of the domain now, on any node. */
    static List<Long> pids(String domain) {
        String marker = "guest=" + domain + ",";
        List<Long> found = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : dirs) {
                String cmdline;
                try {
                    cmdline = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    continue; // exited meanwhile
                }
                if (cmdline.contains(marker) && isQemu(cmdline)) {
                    found.add(Long.parseLong(dir.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc", e);
        }
        return found;
    }

    private void run() {
        long last = System.nanoTime();
        while (!stop) {
            List<Long> pids = pids(marker.substring("guest=".length(), marker.length() - 1));
            java.time.Instant at = java.time.Instant.now();
            synchronized (lives) {
                pids.forEach(pid -> lives.computeIfAbsent(pid, p -> new java.time.Instant[]{at, at})[1] = at);
            }
            int alive = pids.size();
            long now = System.nanoTime();
            longestGapNanos.accumulateAndGet(now - last, Math::max);
            last = now;
            samples.incrementAndGet();
            worst.accumulateAndGet(alive, Math::max);
            if (alive > 1) {
                doubles.incrementAndGet();
            }
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    Result result() {
        return new Result(samples.get(), doubles.get(), worst.get(), longestGapNanos.get() / 1e9);
    }

    @Override
    public void close() {
        stop = true;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
