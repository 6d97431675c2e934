package io.cairn.core.internal.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.cairn.api.node.NodeEvent;
import io.cairn.api.node.NodeInfo;
import io.cairn.api.node.NodeListener;
import io.cairn.api.node.NodeService;
import io.cairn.api.node.NodeState;
import io.cairn.core.internal.host.HostProbe;
import io.cairn.core.internal.json.Json;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The cluster's nodes. Each node publishes its record with a heartbeat into a Hazelcast map;
 * every node judges the others by when it last <em>received</em> their heartbeat, on its own
 * monotonic clock, so clock skew between hosts cannot make a live node look dead. A node that
 * leaves the Hazelcast cluster is down at once.
 */
@Component(service = NodeService.class, immediate = true)
public class NodeRegistry implements NodeService {
    static final String MAP = "cairn.nodes";
    private static final Logger LOG = LoggerFactory.getLogger(NodeRegistry.class);

    private final Map<String, NodeInfo> records = new ConcurrentHashMap<>();
    private final Map<String, Long> heardAtNanos = new ConcurrentHashMap<>();
    private final Map<String, NodeState> states = new ConcurrentHashMap<>();
    private final Set<String> departed = ConcurrentHashMap.newKeySet();
    private final List<NodeListener> listeners = new CopyOnWriteArrayList<>();
    private final HostProbe probe = new HostProbe();
    /** Monotonic nanoseconds: heartbeats are judged by when they arrived on this clock. */
    private final LongSupplier clock;

    @Reference
    private ClusterMember member;

    private ClusterSettings settings;
    private Liveness liveness;
    private String nodeId;
    private IMap<String, String> map;
    private UUID entryListener;
    private UUID membershipListener;
    private ScheduledExecutorService timer;

    public NodeRegistry() {
        this.clock = System::nanoTime;
    }

    /**
     * Outside OSGi (tests): without Hazelcast, on {@code clock}; records arrive through
     * {@link #heard(String)}, departures through {@link #left(String)}, and {@link #evaluate()}
     * runs when the test says.
     */
    NodeRegistry(ClusterSettings settings, String nodeId, LongSupplier clock) {
        this.clock = clock;
        this.settings = settings;
        this.liveness = new Liveness(settings.suspectAfter(), settings.downAfter());
        this.nodeId = nodeId;
    }

    @Activate
    void activate() {
        settings = member.settings();
        liveness = new Liveness(settings.suspectAfter(), settings.downAfter());
        nodeId = NodeIdentity.loadOrCreate(DataDirs.cairn());
        map = member.hazelcast().getMap(MAP);
        entryListener = map.addEntryListener(new HeartbeatListener(), true);
        membershipListener = member.hazelcast().getCluster().addMembershipListener(new Departures());
        map.values().forEach(this::heard);
        heartbeat();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cairn-node-registry");
            t.setDaemon(true);
            return t;
        });
        long interval = settings.heartbeatInterval().toMillis();
        timer.scheduleAtFixedRate(this::heartbeat, interval, interval, TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(this::evaluate, interval / 2, interval / 2, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
        try {
            map.removeEntryListener(entryListener);
            member.hazelcast().getCluster().removeMembershipListener(membershipListener);
        } catch (RuntimeException e) {
            LOG.debug("Hazelcast already stopped while removing listeners: {}", e.toString());
        }
    }

    @Override
    public List<NodeInfo> nodes() {
        return records.values().stream()
                .map(n -> n.withState(stateOf(n.name())))
                .sorted(Comparator.comparing(NodeInfo::name))
                .toList();
    }

    @Override
    public Optional<NodeInfo> node(String name) {
        NodeInfo info = records.get(name);
        return info == null ? Optional.empty() : Optional.of(info.withState(stateOf(name)));
    }

    @Override
    public NodeInfo localNode() {
        NodeInfo self = records.get(settings.nodeName());
        return self != null ? self.withState(NodeState.UP) : describeSelf();
    }

    @Override
    public void addListener(NodeListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(NodeListener listener) {
        listeners.remove(listener);
    }

    private NodeState stateOf(String name) {
        if (name.equals(settings.nodeName())) {
            return NodeState.UP;
        }
        Long heard = heardAtNanos.get(name);
        if (heard == null) {
            return NodeState.DOWN;
        }
        return liveness.state(clock.getAsLong() - heard, !departed.contains(name));
    }

    private NodeInfo describeSelf() {
        return new NodeInfo(nodeId, settings.nodeName(), List.of(settings.bindAddress()), probe.cpus(),
                probe.totalMemoryMiB(), Math.min(probe.availableMemoryMiB(), probe.totalMemoryMiB()),
                NodeState.UP, Instant.now());
    }

    private void heartbeat() {
        try {
            // Asynchronous: a partition owner that is cut off must not hold up the next beats.
            SoftWrites.onFailure(map.setAsync(settings.nodeName(), Json.write(describeSelf())), e ->
                    LOG.warn("Heartbeat of node {} failed: {}", settings.nodeName(), e.toString()));
        } catch (RuntimeException e) {
            // The next beat retries; peers will see this node suspect if it keeps failing.
            LOG.warn("Heartbeat of node {} failed: {}", settings.nodeName(), e.toString());
        }
    }

    void heard(String json) {
        NodeInfo info;
        try {
            info = Json.read(json, NodeInfo.class);
        } catch (RuntimeException e) {
            // Anyone who reaches the cluster network can write the node map: skip, never fail.
            LOG.warn("Skipping an entry of the node map: not a node record ({})", e.getMessage());
            return;
        }
        boolean known = records.put(info.name(), info) != null;
        heardAtNanos.put(info.name(), clock.getAsLong());
        if (!known) {
            NodeState state = stateOf(info.name());
            states.put(info.name(), state);
            fire(new NodeEvent(NodeEvent.Type.ADDED, info.withState(state)));
        }
    }

    void evaluate() {
        try {
            for (NodeInfo info : records.values()) {
                NodeState now = stateOf(info.name());
                NodeState before = states.put(info.name(), now);
                if (before != null && before != now) {
                    LOG.info("Node {} is now {} (was {})", info.name(), now, before);
                    fire(new NodeEvent(NodeEvent.Type.STATE_CHANGED, info.withState(now)));
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Evaluating node liveness failed", e);
        }
    }

    private void fire(NodeEvent event) {
        for (NodeListener listener : listeners) {
            try {
                listener.event(event);
            } catch (RuntimeException e) {
                LOG.error("Node listener {} failed on {}", listener, event, e);
            }
        }
    }

    /** A member carrying node {@code name} joined the Hazelcast cluster (again). */
    void joined(String name) {
        departed.remove(name);
    }

    /** A member carrying node {@code name} left the Hazelcast cluster: it is down at once. */
    void left(String name) {
        LOG.info("Node {} left the cluster", name);
        departed.add(name);
        evaluate();
    }

    private final class HeartbeatListener implements EntryAddedListener<String, String>,
            EntryUpdatedListener<String, String> {
        @Override
        public void entryAdded(EntryEvent<String, String> event) {
            heard(event.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> event) {
            heard(event.getValue());
        }
    }

    private final class Departures implements MembershipListener {
        @Override
        public void memberAdded(MembershipEvent event) {
            nodeName(event.getMember()).ifPresent(NodeRegistry.this::joined);
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
            nodeName(event.getMember()).ifPresent(NodeRegistry.this::left);
        }

        private Optional<String> nodeName(Member m) {
            return Optional.ofNullable(m.getAttribute(ClusterMember.NODE_ATTRIBUTE));
        }
    }
}
