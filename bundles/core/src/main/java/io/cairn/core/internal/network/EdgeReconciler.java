package io.cairn.core.internal.network;

import io.cairn.api.network.Edge;
import io.cairn.api.network.NetworkSpec;
import io.cairn.core.internal.cluster.ClusterMember;
import io.cairn.core.internal.fencing.NodeLease;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * On every node: puts the EDGE routers this node owns into the backend with this node as their
 * gateway and their epoch, on every change of the EDGE keyspace and every 10 s, and only while the
 * node holds its lease (a node cut off from the majority does not take a gateway; the backend also
 * refuses an epoch older than the one it has).
 */
@Component(immediate = true)
public class EdgeReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeReconciler.class);
    private static final long RESYNC_SECONDS = 10;

    @Reference
    private ClusterMember member;
    @Reference
    private EdgeStore edges;
    @Reference
    private NetworkStore networks;
    @Reference
    private NetworkDrivers drivers;
    @Reference
    private NodeLease lease;

    private final Map<String, Long> applied = new ConcurrentHashMap<>();
    private final Consumer<NetworkEvent> listener = event -> schedule();
    private String self;
    private ScheduledExecutorService worker;

    @Activate
    void activate() {
        self = member.settings().nodeName();
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cairn-edge-reconciler");
            t.setDaemon(true);
            return t;
        });
        edges.addListener(listener);
        worker.scheduleWithFixedDelay(this::pass, 2, RESYNC_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        edges.removeListener(listener);
        worker.shutdownNow();
    }

    private void schedule() {
        worker.execute(this::pass);
    }

    private void pass() {
        if (!lease.mayRunVms()) {
            return;
        }
        for (Edge edge : edges.listLocal()) {
            if (!edge.owner().equals(self)) {
                applied.remove(edge.spec().network());
                continue;
            }
            Long done = applied.get(edge.spec().network());
            if (done != null && done == edge.epoch()) {
                continue;
            }
            try {
                Optional<NetworkSpec> network = networks.getLocal(edge.spec().network()).map(e -> e.network().spec());
                if (network.isEmpty()) {
                    LOG.warn("EDGE {} owned here has no network record (yet)", edge.spec().network());
                    continue;
                }
                long started = System.nanoTime();
                drivers.forKind(network.get().networkKind()).applyEdge(network.get(), edge.spec(), self, edge.epoch());
                applied.put(edge.spec().network(), edge.epoch());
                LOG.info("EDGE {} applied on {} at epoch {} in {} ms", edge.spec().network(), self, edge.epoch(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            } catch (RuntimeException e) {
                LOG.warn("EDGE {} not applied on {} (retried in {} s): {}", edge.spec().network(), self, RESYNC_SECONDS,
                        e.getMessage());
            }
        }
    }
}
