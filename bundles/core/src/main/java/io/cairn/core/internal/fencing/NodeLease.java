package io.cairn.core.internal.fencing;

import io.cairn.api.common.UnavailableException;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.VersionConflictException;
import io.cairn.api.state.Versioned;
import io.cairn.core.internal.cluster.ClusterMember;
import io.cairn.core.internal.cluster.ClusterSettings;
import io.cairn.core.internal.cluster.DataDirs;
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
import java.util.function.BooleanSupplier;

/**
 * This node's lease. Renewed through the Raft majority every second; timed on {@link BootClock}
 * from the moment each renewal was <em>sent</em>, so the node's own view always ends before
 * anyone else's. Each successful renewal feeds the watchdog outside the JVM; when renewals stop
 * (no majority, a hang, a pause, a kill), the watchdog kills this node's QEMUs
 * {@code lease - margin} after the last feed, while the others wait {@code lease + margin} after
 * the last renewal they saw before moving this node's HA VMs.
 *
 * <p>Without a working watchdog nothing guards this node's QEMUs against a later hang, so losing
 * it fences this node's domains through the {@link #setLocalFence local fence} first; once they
 * are confirmed gone the lease is left to lapse, so the cluster restarts the HA VMs elsewhere,
 * until the watchdog answers again.
 */
@Component(service = NodeLease.class, immediate = true)
public class NodeLease {
    private static final Logger LOG = LoggerFactory.getLogger(NodeLease.class);
    private static final long RENEW_INTERVAL_MS = 1000;

    @Reference
    private LeaseStore leases;
    @Reference
    private ClusterMember member;

    private final String session = UUID.randomUUID().toString();
    private final BootClock clock = BootClock.system();
    private ClusterSettings.Fencing fencing;
    private String self;
    private WatchdogClient watchdog;
    private ScheduledExecutorService timer;
    private volatile long validUntilNanos;
    private volatile boolean armed;
    private volatile String problem = "lease not acquired yet";
    private volatile BooleanSupplier localFence = () -> false;
    private long version;
    /** The watchdog failed while it was required: this node's domains must be fenced by Karaf. */
    private boolean watchdogLost;
    /** While {@link #watchdogLost}: the local fence confirmed that no domain of this node runs. */
    private boolean locallyFenced;

    @Activate
    void activate() {
        fencing = member.settings().fencing();
        self = member.settings().nodeName();
        Path socket = fencing.watchdogSocket().isEmpty() ? DataDirs.cairn().resolve("watchdog.sock")
                : Path.of(fencing.watchdogSocket());
        watchdog = new WatchdogClient(socket);
        validUntilNanos = clock.nanos();
        LOG.info("Leases of node {} are timed on {}", self, clock.source());
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cairn-lease");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tick, 0, RENEW_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        giveRestartGrace();
        watchdog.close();
    }

    /**
     * A planned stop or restart: the others wait the restart grace only once it is committed to
     * the lease, and the watchdog gets it only then, measured from the moment the commit was
     * sent, so its deadline ends {@code 2 * margin} before the cluster's. If the commit fails (a
     * stop while cut off), the watchdog keeps its deadline and fences the VMs before the cluster
     * moves them.
     */
    private synchronized void giveRestartGrace() {
        if (version == 0 || !armed || clock.nanos() - validUntilNanos >= 0) {
            LOG.warn("Node {} stops without a restart grace ({}): its VMs are fenced when its lease runs out",
                    self, version == 0 ? "no lease" : !armed ? "watchdog not armed" : "lease already run out");
            return;
        }
        long grace = fencing.restartGrace().toMillis();
        long sent = clock.nanos();
        try {
            version = leases.commit(List.of(leases.renewal(self, session, grace, version)));
        } catch (RuntimeException e) {
            LOG.warn("Node {} stops without a restart grace: recording it in the lease failed ({}); the watchdog "
                    + "fences this node's VMs when the lease runs out and the cluster moves its HA VMs", self,
                    e.getMessage());
            return;
        }
        long until = sent + fencing.restartGrace().plus(fencing.watchdogTimeout()).toNanos();
        try {
            watchdog.grace(fencing.restartGrace().plus(fencing.watchdogTimeout()), until);
            LOG.info("Lease of node {} set to a {} s restart grace, and its watchdog", self, grace / 1000);
        } catch (WatchdogClient.WatchdogException | RuntimeException e) {
            LOG.warn("Could not give the watchdog the restart grace ({}): it fences this node's VMs when the lease "
                    + "runs out", e.getMessage());
        }
    }

    /**
     * Registers what kills this node's own domains when the watchdog is lost; returns true only
     * when none is left running.
     */
    public void setLocalFence(BooleanSupplier fence) {
        localFence = fence == null ? () -> false : fence;
    }

    /** True while this node holds its lease and, unless disabled, its watchdog is armed. */
    public boolean mayRunVms() {
        return clock.nanos() - validUntilNanos < 0 && (armed || !fencing.watchdogRequired());
    }

    /** Why {@link #mayRunVms()} is false, for status and error messages. */
    public String problem() {
        if (clock.nanos() - validUntilNanos >= 0) {
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
        if (version == 0 || clock.nanos() - validUntilNanos >= 0 || !mayRunVms()) {
            throw new UnavailableException(problem());
        }
        long sent = clock.nanos();
        List<StoreOp> all = new ArrayList<>(ops);
        all.add(leases.renewal(self, session, 0, version));
        try {
            long index = leases.commit(all);
            version = index;
            validUntilNanos = sent + fencing.watchdogTimeout().toNanos();
            return index;
        } catch (VersionConflictException e) {
            if (leases.isLeaseOf(self, e.key())) {
                lost(sent);
            }
            throw e;
        }
    }

    private synchronized void tick() {
        try {
            if (watchdogLost && fencing.watchdogRequired()) {
                if (!locallyFenced) {
                    // Keep renewing until the domains are confirmed gone: letting the lease lapse
                    // first would restart them elsewhere while they might still run here.
                    locallyFenced = localFence.getAsBoolean();
                    if (locallyFenced) {
                        LOG.error("Node {}: without its watchdog, its domains were powered off; its lease is left "
                                + "to lapse so its HA VMs restart elsewhere", self);
                    }
                } else if (watchdogAnswers()) {
                    LOG.warn("Node {}: its fencing watchdog answers again; renewing the lease", self);
                    watchdogLost = false;
                    locallyFenced = false;
                } else {
                    return;
                }
            }
            renew();
        } catch (RuntimeException e) {
            problem = "cannot renew: " + e;
            LOG.error("Node {} failed to renew its lease", self, e);
        }
    }

    private boolean watchdogAnswers() {
        try {
            watchdog.status();
            return true;
        } catch (WatchdogClient.WatchdogException e) {
            return false;
        }
    }

    private void renew() {
        long sent = clock.nanos();
        try {
            if (version == 0) {
                Optional<Versioned> existing = leases.get(self);
                // A record left by this node's previous run is still ours until someone expires it.
                long expected = existing.map(Versioned::version).orElse(StoreOp.ABSENT);
                version = leases.commit(List.of(leases.renewal(self, session, 0, expected)));
                LOG.info("Node {} acquired its lease (version {})", self, version);
            } else {
                version = leases.commit(List.of(leases.renewal(self, session, 0, version)));
            }
            validUntilNanos = sent + fencing.watchdogTimeout().toNanos();
            if (clock.nanos() - validUntilNanos < 0) {
                feedWatchdog();
            } else {
                // e.g. this JVM was paused mid-renewal: the lease ran out on our own clock meanwhile
                problem = "the renewal completed after the lease had run out";
                LOG.warn("Node {}: lease renewal completed too late to count; not feeding the watchdog", self);
            }
        } catch (VersionConflictException e) {
            lost(sent);
        } catch (UnavailableException e) {
            problem = "cannot renew: " + e.getMessage();
            LOG.warn("Node {} cannot renew its lease: {}", self, e.getMessage());
        }
    }

    private void lost(long sent) {
        LOG.error("Node {} lost its lease (expired by the cluster): its VMs were fenced; reacquiring", self);
        problem = "the lease was expired by the cluster";
        version = 0;
        validUntilNanos = sent;
    }

    private void feedWatchdog() {
        try {
            if (!armed) {
                watchdog.arm(fencing.watchdogTimeout(), validUntilNanos);
                armed = true;
                LOG.info("Fencing watchdog armed: {} ms without a renewal kills this node's VMs",
                        fencing.watchdogTimeout().toMillis());
            } else {
                watchdog.feedUntil(validUntilNanos);
            }
        } catch (WatchdogClient.WatchdogException | RuntimeException e) {
            armed = false;
            problem = e.getMessage();
            if (fencing.watchdogRequired() && !watchdogLost) {
                watchdogLost = true;
                LOG.error("Fencing watchdog unavailable ({}): node {} powers off its own domains and runs none until "
                        + "it is back", e.getMessage(), self);
                locallyFenced = localFence.getAsBoolean();
            }
        }
    }
}
