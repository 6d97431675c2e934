package io.cairn.state.raft.internal;

import io.cairn.state.raft.RaftStoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Which members this node can reach now: a TCP connect to each other member's Raft port every {@code periodMillis}
 * (closed at once, before any TLS handshake). Used to fail fast — a node that cannot reach a majority of voters
 * answers "unavailable" at once instead of waiting for Raft timeouts — and for the voter-change rules. It is not
 * part of Raft's safety: Ratis decides commits and leadership by itself.
 */
public final class PeerProbe implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerProbe.class);

    private final String self;
    private final long periodMillis;
    private final Map<String, Long> lastSeenNanos = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor;
    private final List<RaftStoreConfig.Member> others = new ArrayList<>();

    public PeerProbe(RaftStoreConfig config, long periodMillis) {
        this.self = config.member();
        this.periodMillis = periodMillis;
        for (RaftStoreConfig.Member m : config.members()) {
            if (!m.name().equals(self)) {
                others.add(m);
            }
        }
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(Math.max(1, others.size()), r -> {
            Thread t = new Thread(r, "cairn-raft-probe-" + self);
            t.setDaemon(true);
            return t;
        });
        ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.executor = ex;
    }

    public PeerProbe start() {
        for (RaftStoreConfig.Member m : others) {
            executor.scheduleWithFixedDelay(() -> probe(m), 0, periodMillis, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Probes every member once, now (at start-up, so the first requests do not fail for lack of a probe). */
    public void probeAllNow() {
        others.parallelStream().forEach(this::probe);
    }

    private void probe(RaftStoreConfig.Member m) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(m.host(), m.port()), (int) Math.max(100, periodMillis));
            lastSeenNanos.put(m.name(), System.nanoTime());
        } catch (IOException e) {
            LOG.trace("{} cannot reach {}: {}", self, m, e.getMessage());
        } catch (RuntimeException e) {
            LOG.debug("probe of {} failed", m, e);
        }
    }

    /** True for this node itself and for members reached within the last three probe periods. */
    public boolean reachable(String member) {
        if (member.equals(self)) {
            return true;
        }
        Long seen = lastSeenNanos.get(member);
        return seen != null && System.nanoTime() - seen < TimeUnit.MILLISECONDS.toNanos(3 * periodMillis);
    }

    /** The names among {@code members} that are reachable, in their order. */
    public List<String> reachable(List<String> members) {
        return members.stream().filter(this::reachable).toList();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
