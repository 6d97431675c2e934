package io.cairn.core.internal.fencing;

import io.cairn.api.common.UnavailableException;
import io.cairn.api.state.ConsistentStore;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.VersionConflictException;
import io.cairn.api.state.Versioned;
import io.cairn.core.internal.cluster.ClusterMember;
import io.cairn.core.internal.cluster.ClusterSettings;
import io.cairn.core.internal.cluster.DataDirs;
import io.cairn.core.internal.json.Json;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This node's lease. Renewed through the Raft majority every second; timed on this JVM's
 * monotonic clock from the moment each renewal was <em>sent</em>, so the node's own view always
 * ends before anyone else's. Each successful renewal feeds the watchdog outside the JVM; when
 * renewals stop (no majority, a hang, a pause, a kill), the watchdog kills this node's QEMUs
 * {@code lease - margin} after the last feed, while the others wait {@code lease + margin} after
 * the last renewal they saw before moving this node's HA VMs.
 */
@Component(service = NodeLease.class, immediate = true)
public class NodeLease {
    private static final Logger LOG = LoggerFactory.getLogger(NodeLease.class);
    private static final long RENEW_INTERVAL_MS = 1000;

    @Reference
    private ConsistentStore store;
    @Reference
    private ClusterMember member;

    private final String session = UUID.randomUUID().toString();
    private ClusterSettings.Fencing fencing;
    private String self;
    private WatchdogClient watchdog;
    private ScheduledExecutorService timer;
    private volatile long validUntilNanos;
    private volatile boolean armed;
    private volatile String problem = "lease not acquired yet";
    private long version;
    private boolean warnedWatchdog;

    @Activate
    void activate() {
        fencing = member.settings().fencing();
        self = member.settings().nodeName();
        Path socket = fencing.watchdogSocket().isEmpty() ? DataDirs.cairn().resolve("watchdog.sock")
                : Path.of(fencing.watchdogSocket());
        watchdog = new WatchdogClient(socket);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cairn-lease");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::renew, 0, RENEW_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // A planned stop or restart: the watchdog and the others both wait the restart grace.
        long grace = fencing.restartGrace().toMillis();
        if (armed) {
            try {
                watchdog.grace(fencing.restartGrace().plus(fencing.watchdogTimeout()));
            } catch (WatchdogClient.WatchdogException | RuntimeException e) {
                LOG.warn("Could not give the watchdog the restart grace: {}", e.getMessage());
            }
        }
        if (version > 0) {
            try {
                store.put(LeaseRecord.key(self), Json.write(new LeaseRecord(self, session, grace)), version);
                LOG.info("Lease of node {} set to a {} s restart grace", self, grace / 1000);
            } catch (RuntimeException e) {
                LOG.warn("Could not record the restart grace in the lease of {}: {}", self, e.getMessage());
            }
        }
        watchdog.close();
    }

    /** True while this node holds its lease and, unless disabled, its watchdog is armed. */
    public boolean mayRunVms() {
        return System.nanoTime() - validUntilNanos < 0 && (armed || !fencing.watchdogRequired());
    }

    /** Why {@link #mayRunVms()} is false, for status and error messages. */
    public String problem() {
        if (System.nanoTime() - validUntilNanos >= 0) {
            return "node " + self + " does not hold a valid lease: " + problem;
        }
        return "the fencing watchdog of node " + self + " is not armed: " + problem;
    }

    /**
     * Commits {@code ops} together with a renewal of this node's lease: they apply only while the
     * lease is still the one this node holds, so an owner's change can never slip in after the
     * cluster expired its lease (and moved its VMs), and the commit counts as a renewal.
     *
     * @throws io.cairn.api.common.UnavailableException when this node holds no valid lease
     * @throws VersionConflictException                  when a condition failed (nothing applied)
     */
    public synchronized long commitUnderLease(List<StoreOp> ops) {
        if (version == 0 || System.nanoTime() - validUntilNanos >= 0) {
            throw new UnavailableException(problem());
        }
        long sent = System.nanoTime();
        List<StoreOp> all = new ArrayList<>(ops);
        all.add(StoreOp.put(LeaseRecord.key(self), Json.write(new LeaseRecord(self, session, 0)), version));
        try {
            long index = store.commit(all);
            version = index;
            validUntilNanos = sent + fencing.watchdogTimeout().toNanos();
            return index;
        } catch (VersionConflictException e) {
            if (LeaseRecord.key(self).equals(e.key())) {
                LOG.error("Node {} lost its lease (expired by the cluster); its change was refused", self);
                problem = "the lease was expired by the cluster";
                version = 0;
                validUntilNanos = sent;
            }
            throw e;
        }
    }

    private synchronized void renew() {
        long sent = System.nanoTime();
        String value = Json.write(new LeaseRecord(self, session, 0));
        try {
            if (version == 0) {
                Optional<Versioned> existing = store.get(LeaseRecord.key(self));
                // A record left by this node's previous run is still ours until someone expires it.
                long expected = existing.map(Versioned::version).orElse(StoreOp.ABSENT);
                version = store.put(LeaseRecord.key(self), value, expected);
                LOG.info("Node {} acquired its lease (version {})", self, version);
            } else {
                version = store.put(LeaseRecord.key(self), value, version);
            }
            validUntilNanos = sent + fencing.watchdogTimeout().toNanos();
            if (System.nanoTime() - validUntilNanos < 0) {
                feedWatchdog();
            } else {
                // e.g. this JVM was paused mid-renewal: the lease ran out on our own clock meanwhile
                problem = "the renewal completed after the lease had run out";
                LOG.warn("Node {}: lease renewal completed too late to count; not feeding the watchdog", self);
            }
        } catch (VersionConflictException e) {
            LOG.error("Node {} lost its lease (expired by the cluster): its VMs were fenced; reacquiring", self);
            problem = "the lease was expired by the cluster";
            version = 0;
            validUntilNanos = sent;
        } catch (UnavailableException e) {
            problem = "cannot renew: " + e.getMessage();
            LOG.warn("Node {} cannot renew its lease: {}", self, e.getMessage());
        } catch (RuntimeException e) {
            problem = "cannot renew: " + e;
            LOG.error("Node {} failed to renew its lease", self, e);
        }
    }

    private void feedWatchdog() {
        try {
            if (!armed) {
                watchdog.arm(fencing.watchdogTimeout(), validUntilNanos);
                armed = true;
                warnedWatchdog = false;
                LOG.info("Fencing watchdog armed: {} ms without a renewal kills this node's VMs",
                        fencing.watchdogTimeout().toMillis());
            } else {
                watchdog.feedUntil(validUntilNanos);
            }
        } catch (WatchdogClient.WatchdogException | RuntimeException e) {
            armed = false;
            problem = e.getMessage();
            if (!warnedWatchdog) {
                LOG.error("Fencing watchdog unavailable ({}); this node runs no VMs until it is back", e.getMessage());
                warnedWatchdog = true;
            }
        }
    }
}
