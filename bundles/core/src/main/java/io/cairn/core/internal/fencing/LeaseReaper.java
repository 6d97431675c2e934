package io.cairn.core.internal.fencing;

import io.cairn.api.common.UnavailableException;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.VersionConflictException;
import io.cairn.core.internal.cluster.ClusterMember;
import io.cairn.core.internal.cluster.ClusterSettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Expires the leases of nodes that stopped renewing, in one commit conditional on the exact lease
 * version last seen — so a renewal that raced in wins and nothing moves — to which every
 * {@link LeaseExpiryHandler} adds what must move with it (VM failover, later pools and EDGEs).
 * Only the node that leads the Raft group does this, and only after
 * {@code lease + margin + grace} without a renewal on its own {@link BootClock}; a gap in its
 * own checks (a pause, a suspend) gives every node a full lease again.
 *
 * <p>This is the one source of liveness for failover: a node is live while its lease is seen
 * renewed within the lease ({@link #liveNodes()}), whatever Hazelcast's heartbeats say.
 */
@Component(service = LeaseReaper.class, immediate = true)
public class LeaseReaper {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseReaper.class);

    @Reference
    private LeaseStore leases;
    @Reference
    private ClusterMember member;

    private final List<LeaseExpiryHandler> handlers = new CopyOnWriteArrayList<>();

    private record Seen(long version, long atNanos, long graceMs) {
    }

    private static final long GAP_NANOS = TimeUnit.SECONDS.toNanos(2);
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private volatile long lastCheckNanos;
    private volatile boolean wasLeading;
    private final Consumer<LeaseStore.LeaseEvent> listener = this::observe;
    private ClusterSettings.Fencing fencing;
    private String self;
    private ScheduledExecutorService timer;

    public LeaseReaper() {
        this.clock = BootClock.system()::nanos;
    }

    /** Outside OSGi (tests): on {@code clock} (nanoseconds), started with {@link #start()}, checked by {@link #check()}. */
    LeaseReaper(LeaseStore leases, ClusterMember member, LongSupplier clock) {
        this.leases = leases;
        this.member = member;
        this.clock = clock;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindHandler(LeaseExpiryHandler handler) {
        handlers.add(handler);
    }

    void unbindHandler(LeaseExpiryHandler handler) {
        handlers.remove(handler);
    }

    @Activate
    void activate() {
        start();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cairn-lease-reaper");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }

    /** Reads the settings and starts watching the leases (without the timer). */
    void start() {
        fencing = member.settings().fencing();
        self = member.settings().nodeName();
        leases.addListener(listener);
        long now = clock.getAsLong();
        leases.local().forEach(e -> seen.putIfAbsent(e.node(), new Seen(e.version(), now, e.graceMs())));
    }

    @Deactivate
    void deactivate() {
        leases.removeListener(listener);
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Nodes whose lease this node has seen renewed within the lease. */
    public Set<String> liveNodes() {
        long now = clock.getAsLong();
        Set<String> live = ConcurrentHashMap.newKeySet();
        seen.forEach((node, s) -> {
            if (now - s.atNanos() < fencing.lease().toNanos()) {
                live.add(node);
            }
        });
        return live;
    }

    private void observe(LeaseStore.LeaseEvent event) {
        if (event.removed()) {
            seen.remove(event.node());
        } else {
            seen.put(event.node(), new Seen(event.version(), clock.getAsLong(), event.graceMs()));
        }
    }

    void check() {
        try {
            long now = clock.getAsLong();
            boolean gap = lastCheckNanos != 0 && now - lastCheckNanos > GAP_NANOS;
            lastCheckNanos = now;
            boolean leading = self.equals(leases.leader());
            if (gap || (leading && !wasLeading)) {
                // This node was not watching (paused, starved, suspended) or has just taken the
                // lead: it has no evidence about the time in between, so every node gets a full
                // lease again.
                seen.replaceAll((node, s) -> new Seen(s.version(), now, s.graceMs()));
            }
            wasLeading = leading;
            if (!leading) {
                return;
            }
            for (Map.Entry<String, Seen> e : seen.entrySet()) {
                Seen s = e.getValue();
                long limit = fencing.lease().plus(fencing.margin()).toNanos() + s.graceMs() * 1_000_000L;
                if (!e.getKey().equals(self) && now - s.atNanos() > limit) {
                    expire(e.getKey(), s);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Lease check failed", e);
        }
    }

    private void expire(String node, Seen s) {
        List<StoreOp> ops = new ArrayList<>();
        ops.add(leases.expiry(node, s.version()));
        List<String> moved = new ArrayList<>();
        Set<String> live = liveNodes();
        live.remove(node);
        for (LeaseExpiryHandler handler : handlers) {
            try {
                moved.addAll(handler.onExpiry(node, live, ops));
            } catch (RuntimeException e) {
                LOG.error("Lease expiry handler {} failed for node {}; expiring without its moves", handler, node, e);
            }
        }
        try {
            leases.commit(ops);
            seen.remove(node);
            LOG.warn("Lease of node {} expired (no renewal for {} ms); moved: {}", node,
                    (clock.getAsLong() - s.atNanos()) / 1_000_000, moved.isEmpty() ? "nothing" : String.join(", ", moved));
        } catch (VersionConflictException e) {
            LOG.info("Lease of node {} changed while expiring it ({}); checking again", node, e.getMessage());
        } catch (UnavailableException e) {
            LOG.warn("Cannot expire the lease of node {}: {}", node, e.getMessage());
        }
    }
}
