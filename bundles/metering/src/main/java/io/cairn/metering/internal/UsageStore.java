package io.cairn.metering.internal;

import io.cairn.api.compute.VmOwnerFence;
import io.cairn.api.metering.UsageRecord;
import io.cairn.api.state.ConsistentStore;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.VersionConflictException;
import io.cairn.api.state.Versioned;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The usage keyspace: {@code usage/<YYYY-MM>/<DD>T<HH>/<interval start, epoch seconds>/<VM id>}, one key per VM and
 * interval, so a month and an hour are each one prefix. The only code that knows these keys. Records are written
 * put-if-absent: a second write of the same (VM, interval) changes nothing.
 */
@Component(service = UsageStore.class)
public class UsageStore {
    static final String PREFIX = "usage/";

    @Reference
    private ConsistentStore store;

    public UsageStore() {
    }

    UsageStore(ConsistentStore store) {
        this.store = store;
    }

    /**
     * What one batch did.
     *
     * @param written   records committed by this batch
     * @param present   records already there (the interval was counted before: e.g. a restart mid-interval)
     * @param notOwned  records dropped because their VM's ownership moved on
     * @param commits   commits sent (1 unless a condition failed)
     */
    record Outcome(List<UsageRecord> written, int present, List<UsageRecord> notOwned, int commits) {
    }

    /**
     * Writes {@code records} in one commit through the owner fence, each put-if-absent and fenced by its VM's
     * epoch. A failing condition drops what it names (a record already there, a VM no longer owned) and the rest
     * is committed again, so one bad record never loses the others.
     */
    Outcome record(List<UsageRecord> records, VmOwnerFence fence) {
        Map<String, UsageRecord> pending = new LinkedHashMap<>();
        records.forEach(r -> pending.put(key(r), r));
        int present = 0;
        int commits = 0;
        List<UsageRecord> lost = new ArrayList<>();
        while (!pending.isEmpty()) {
            List<StoreOp> ops = new ArrayList<>();
            Map<String, Long> epochs = new HashMap<>();
            pending.forEach((key, r) -> {
                ops.add(StoreOp.put(key, Json.write(r), StoreOp.ABSENT));
                epochs.put(r.vmName(), r.epoch());
            });
            commits++;
            try {
                fence.commitAsOwner(epochs, ops);
                return new Outcome(List.copyOf(pending.values()), present, lost, commits);
            } catch (VmOwnerFence.OwnershipLostException e) {
                pending.values().removeIf(r -> {
                    if (r.vmName().equals(e.vm())) {
                        lost.add(r);
                        return true;
                    }
                    return false;
                });
            } catch (VersionConflictException e) {
                if (pending.remove(e.key()) == null) {
                    throw e;
                }
                present++;
            }
        }
        return new Outcome(List.of(), present, lost, commits);
    }

    /** Every record of {@code month} (linearizable), in key order. */
    List<UsageRecord> month(YearMonth month) {
        return decode(store.list(PREFIX + month + "/"));
    }

    /** Decodes every record of {@code month} (linearizable) one at a time, in key order, without keeping them. */
    void forEachOfMonth(YearMonth month, java.util.function.Consumer<UsageRecord> action) {
        for (Versioned v : store.list(PREFIX + month + "/")) {
            action.accept(Json.read(v.value(), UsageRecord.class));
        }
    }

    /** The records of the hour that {@code at} is in (linearizable), by interval start then VM id. */
    List<UsageRecord> hourOf(Instant at) {
        return decode(store.list(hourPrefix(at)));
    }

    /** The first instant of the hour after the one {@code at} is in. */
    static Instant nextHour(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
    }

    private static List<UsageRecord> decode(List<Versioned> raw) {
        List<UsageRecord> out = new ArrayList<>(raw.size());
        raw.forEach(v -> out.add(Json.read(v.value(), UsageRecord.class)));
        return out;
    }

    static String key(UsageRecord r) {
        return hourPrefix(r.intervalStart()) + String.format("%012d", r.intervalStart().getEpochSecond()) + "/"
                + r.vmId();
    }

    private static String hourPrefix(Instant at) {
        ZonedDateTime t = at.atZone(ZoneOffset.UTC);
        return String.format("%s%04d-%02d/%02dT%02d/", PREFIX, t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour());
    }
}
