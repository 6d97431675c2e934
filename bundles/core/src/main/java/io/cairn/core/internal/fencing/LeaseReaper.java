package io.cairn.core.internal.fencing;

import io.cairn.api.common.UnavailableException;
import io.cairn.api.common.UnsatisfiableException;
import io.cairn.api.state.ConsistentStore;
import io.cairn.api.state.StoreChange;
import io.cairn.api.state.StoreListener;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.VersionConflictException;
import io.cairn.core.internal.cluster.ClusterMember;
import io.cairn.core.internal.cluster.ClusterSettings;
import io.cairn.core.internal.compute.Failover;
import io.cairn.core.internal.json.Json;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Expires the leases of nodes that stopped renewing and hands their HA VMs to live nodes, in one
 * commit conditional on the exact lease version last seen — so a renewal that raced in wins and
 * nothing moves. Only the node that leads the Raft group does this, and only after
 * {@code lease + margin + grace} without a renewal on its own {@link BootClock}; a gap in its
 * own checks (a pause, a suspend) gives every node a full lease again.
 */
@Component(immediate = true)
public class LeaseReaper {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseReaper.class);

    @Reference
    private ConsistentStore store;
    @Reference
    private ClusterMember member;
    @Reference
    private Failover failover;

    private record Seen(long version, long atNanos, long graceMs) {
    }

    private static final long GAP_NANOS = TimeUnit.SECONDS.toNanos(2);
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final BootClock clock = BootClock.system();
    private volatile long lastCheckNanos;
    private volatile boolean wasLeading;
    private final StoreListener listener = this::observe;
    private ClusterSettings.Fencing fencing;
    private String self;
    private ScheduledExecutorService timer;

    @Activate
    void activate() {
        fencing = member.settings().fencing();
        self = member.settings().nodeName();
        store.addListener(listener);
        long now = clock.nanos();
        store.listLocal(LeaseRecord.PREFIX).forEach(v -> seen.putIfAbsent(nodeOf(v.key()),
                new Seen(v.version(), now, Json.read(v.value(), LeaseRecord.class).graceMs())));
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cairn-lease-reaper");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        store.removeListener(listener);
        timer.shutdownNow();
    }

    /** Nodes whose lease this node has seen renewed within the lease. */
    public Set<String> liveNodes() {
        long now = clock.nanos();
        Set<String> live = ConcurrentHashMap.newKeySet();
        seen.forEach((node, s) -> {
            if (now - s.atNanos() < fencing.lease().toNanos()) {
                live.add(node);
            }
        });
        return live;
    }

    private void observe(StoreChange change) {
        if (!change.key().startsWith(LeaseRecord.PREFIX)) {
            return;
        }
        String node = nodeOf(change.key());
        if (change.value() == null) {
            seen.remove(node);
        } else {
            seen.put(node, new Seen(change.version(), clock.nanos(),
                    Json.read(change.value(), LeaseRecord.class).graceMs()));
        }
    }

    private void check() {
        try {
            long now = clock.nanos();
            boolean gap = lastCheckNanos != 0 && now - lastCheckNanos > GAP_NANOS;
            lastCheckNanos = now;
            boolean leading = self.equals(store.health().leader());
            if (gap || (leading && !wasLeading)) {
                // This node was not watching (paused, starved) or has just taken the lead: it has
                // no evidence about the time in between, so every node gets a full lease again.
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
        ops.add(StoreOp.delete(LeaseRecord.key(node), s.version()));
        List<String> moved = new ArrayList<>();
        try {
            moved.addAll(failover.reassign(node, liveNodes(), ops));
        } catch (UnsatisfiableException e) {
            LOG.warn("HA VMs of node {} cannot all be placed now: {}", node, e.getMessage());
        }
        try {
            store.commit(ops);
            seen.remove(node);
            LOG.warn("Lease of node {} expired (no renewal for {} ms); HA VMs moved: {}", node,
                    (clock.nanos() - s.atNanos()) / 1_000_000, moved.isEmpty() ? "none" : String.join(", ", moved));
        } catch (VersionConflictException e) {
            LOG.info("Lease of node {} changed while expiring it ({}); checking again", node, e.getMessage());
        } catch (UnavailableException e) {
            LOG.warn("Cannot expire the lease of node {}: {}", node, e.getMessage());
        }
    }

    private static String nodeOf(String key) {
        return key.substring(LeaseRecord.PREFIX.length());
    }
}
