package io.cairn.metering.internal;

import io.cairn.api.common.UnavailableException;
import io.cairn.api.compute.ComputeDriver;
import io.cairn.api.compute.VmDetails;
import io.cairn.api.compute.VmOwnerFence;
import io.cairn.api.compute.VmService;
import io.cairn.api.metering.UsageRecord;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every interval, at its middle, this node records the usage of the VMs it owns (running ones in full, stopped ones
 * with disks for their disks): one batch, one Raft
 * commit (put-if-absent per record, fenced by this node's lease and each VM's epoch). A VM whose epoch moved on
 * between the read and the commit (its owner claimed it again) is read once more and retried.
 */
@Component(immediate = true, configurationPid = MeteringConfig.PID)
@Designate(ocd = MeteringConfig.class)
public class Meter {
    private static final Logger LOG = LoggerFactory.getLogger(Meter.class);
    private static final int OWNERSHIP_RETRIES = 2;

    @Reference
    private VmService vms;
    @Reference
    private VmOwnerFence fence;
    @Reference
    private UsageStore usage;

    private final List<ComputeDriver> drivers = new CopyOnWriteArrayList<>();
    private final UsageSampler sampler = new UsageSampler();
    private final Clock clock = Clock.systemUTC();
    private volatile IntervalClock grid;
    private Instant lastSampled = Instant.MIN;
    private ScheduledExecutorService timer;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDriver(ComputeDriver driver) {
        drivers.add(driver);
    }

    void unbindDriver(ComputeDriver driver) {
        drivers.remove(driver);
    }

    @Activate
    void activate(MeteringConfig config) {
        modified(config);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cairn-meter");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tick, 250, 250, TimeUnit.MILLISECONDS);
    }

    @Modified
    void modified(MeteringConfig config) {
        IntervalClock next = new IntervalClock(config.interval_seconds());
        if (!next.equals(grid)) {
            LOG.info("Metering every {} s", next.seconds());
        }
        grid = next;
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    private synchronized void tick() {
        IntervalClock g = grid;
        Instant now = clock.instant();
        Instant start = g.startOf(now);
        if (!start.isAfter(lastSampled) || now.isBefore(g.sampleAt(start))) {
            return;
        }
        lastSampled = start;
        try {
            recordInterval(g, start);
        } catch (UnavailableException e) {
            LOG.warn("Usage of the interval from {} not recorded by {}: {}", start, fence.node(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Usage of the interval from {} not recorded by {}", start, fence.node(), e);
        }
    }

    /** Samples and records one interval; returns what was written. */
    List<UsageRecord> recordInterval(IntervalClock g, Instant start) {
        String self = fence.node();
        List<UsageRecord> batch = sampler.sample(self, vms.vms(), List.copyOf(drivers), start, g.seconds());
        List<UsageRecord> written = new ArrayList<>();
        for (int attempt = 0; !batch.isEmpty(); attempt++) {
            UsageStore.Outcome outcome = usage.record(batch, fence);
            written.addAll(outcome.written());
            if (outcome.present() > 0) {
                LOG.info("{} usage record(s) of the interval from {} were already recorded", outcome.present(), start);
            }
            batch = attempt < OWNERSHIP_RETRIES ? reread(self, outcome.notOwned()) : List.of();
        }
        LOG.debug("Recorded {} usage record(s) of the interval from {}", written.size(), start);
        return written;
    }

    /** The records whose VM this node still owns, at its current epoch. */
    private List<UsageRecord> reread(String self, List<UsageRecord> lost) {
        List<UsageRecord> again = new ArrayList<>();
        for (UsageRecord r : lost) {
            vms.vm(r.vmName()).filter(d -> d.vm().id().equals(r.vmId()) && d.owner() != null
                    && d.owner().node().equals(self)).map(VmDetails::owner).ifPresentOrElse(
                    owner -> again.add(r.atEpoch(owner.epoch())),
                    () -> LOG.info("VM {} moved to another owner before its usage from {} was recorded here",
                            r.vmName(), r.intervalStart()));
        }
        return again;
    }
}
