package io.cairn.metering.internal;

import io.cairn.api.metering.MeteringSink;
import io.cairn.api.state.ConsistentStore;
import io.cairn.api.state.StoreHealth;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The whiteboard of {@link MeteringSink}s: one worker thread per bound sink (a partner's bundle or the two shipped
 * ones), delivering on the Raft leader only. A sink that goes away stops its worker; its cursor stays, so it
 * resumes where it was when it comes back.
 */
@Component(immediate = true, configurationPid = MeteringConfig.PID)
public class SinkDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(SinkDelivery.class);

    @Reference
    private ConsistentStore store;
    @Reference
    private UsageStore usage;
    @Reference
    private CursorStore cursors;

    private final Map<MeteringSink, SinkWorker> workers = new HashMap<>();
    private volatile Duration settle = Duration.ofSeconds(120);
    private volatile Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
    private boolean active;

    @Activate
    synchronized void activate(MeteringConfig config) {
        modified(config);
        active = true;
        workers.keySet().forEach(this::startWorker);
    }

    @Modified
    void modified(MeteringConfig config) {
        settle = Duration.ofSeconds((long) config.interval_seconds() + config.sink_settle_seconds());
        backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(Math.max(1, config.sink_retry_max_seconds())));
    }

    @Deactivate
    synchronized void deactivate() {
        active = false;
        workers.values().forEach(w -> {
            if (w != null) {
                w.stop();
            }
        });
        workers.replaceAll((s, w) -> null);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindSink(MeteringSink sink) {
        workers.put(sink, null);
        if (active) {
            startWorker(sink);
        }
    }

    synchronized void unbindSink(MeteringSink sink) {
        SinkWorker worker = workers.remove(sink);
        if (worker != null) {
            worker.stop();
            LOG.info("Sink {} unbound: its delivery stops; its cursor stays for when it comes back", sink.name());
        }
    }

    private void startWorker(MeteringSink sink) {
        SinkWorker worker = new SinkWorker(sink, usage, cursors, this::leader, () -> settle, () -> backoff,
                Clock.systemUTC());
        workers.put(sink, worker);
        Thread t = new Thread(worker, "cairn-sink-" + sink.name());
        t.setDaemon(true);
        t.start();
        LOG.info("Delivering usage records to sink {} (from the Raft leader)", sink.name());
    }

    private boolean leader() {
        StoreHealth h = store.health();
        return h.writable() && h.member() != null && h.member().equals(h.leader());
    }
}
