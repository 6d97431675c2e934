package io.cairn.itests;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When each QEMU of one domain lived, seen from outside Cairn: the host's process table sampled every 0.1 s; a
 * pid's life is from the first sample that showed it to the last.
 */
final class QemuLives implements AutoCloseable {
    /** One QEMU's life, to within a sample. */
    record Life(long pid, Instant first, Instant last) {
    }

    private final String domain;
    private final Map<Long, Instant[]> seen = new HashMap<>();
    private final Thread thread;
    private volatile boolean stop;

    QemuLives(String domain) {
        this.domain = domain;
        thread = new Thread(this::run, "qemu-lives-" + domain);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (!stop) {
            Instant now = Instant.now();
            List<Long> pids = QemuCensus.pids(domain);
            synchronized (seen) {
                for (long pid : pids) {
                    seen.computeIfAbsent(pid, p -> new Instant[]{now, now})[1] = now;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    List<Life> lives() {
        synchronized (seen) {
            List<Life> out = new ArrayList<>();
            seen.forEach((pid, t) -> out.add(new Life(pid, t[0], t[1])));
            out.sort(java.util.Comparator.comparing(Life::first));
            return out;
        }
    }

    Set<Long> pids() {
        synchronized (seen) {
            return Set.copyOf(seen.keySet());
        }
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
