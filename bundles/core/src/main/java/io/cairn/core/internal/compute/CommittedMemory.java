package io.cairn.core.internal.compute;

import java.util.HashMap;
import java.util.Map;

/**
 * Memory committed to each node by the VMs it owns, kept up to date from the VM keyspace's changes, so placement
 * reads a sum instead of scanning every VM and owner record on each create (a scan that grew with the VM count and
 * was most of a create's CPU).
 *
 * <p>Fed with a first scan of the replica and then every change in log order. A change at or below the
 * {@link #floor} the scan started from is already in the scan and skipped; a later one applies only when newer than
 * what this holds for its key. Between the scan and the changes that follow it the sums can be off for a moment
 * (a change the scan saw and an older one still being delivered); they are exact once the deliveries catch up, and
 * placement is advisory in any case (nothing is committed on a sum).
 */
final class CommittedMemory {
    private record Held<T>(T value, long version) {
    }

    private final Map<String, Held<Long>> memory = new HashMap<>();
    private final Map<String, Held<String>> owners = new HashMap<>();
    private final Map<String, Long> byNode = new HashMap<>();
    private long floor;

    /** Changes at or below {@code index} are in the scan that follows: skipped. */
    synchronized void floor(long index) {
        floor = Math.max(floor, index);
    }

    /** A VM's record at {@code version} as a change delivered it: its memory, or null when it was removed. */
    synchronized void vm(String name, Long memoryMiB, long version) {
        if (version > floor) {
            scannedVm(name, memoryMiB, version);
        }
    }

    /** A VM's record as the scan found it. */
    synchronized void scannedVm(String name, Long memoryMiB, long version) {
        update(memory, name, memoryMiB, version);
    }

    /** A VM's owner record at {@code version} as a change delivered it: the node, or null when it was removed. */
    synchronized void owner(String name, String node, long version) {
        if (version > floor) {
            scannedOwner(name, node, version);
        }
    }

    /** A VM's owner record as the scan found it. */
    synchronized void scannedOwner(String name, String node, long version) {
        update(owners, name, node, version);
    }

    /** Replaces one of the VM's two records ({@code value} null: removed) when newer, keeping the sums right. */
    private <T> void update(Map<String, Held<T>> records, String name, T value, long version) {
        Held<T> known = records.get(name);
        if (known != null && version <= known.version()) {
            return;
        }
        uncount(name);
        if (value == null) {
            records.remove(name);
        } else {
            records.put(name, new Held<>(value, version));
        }
        count(name);
    }

    /** A copy, MiB by node (the caller may add to it). */
    synchronized Map<String, Long> byNode() {
        return new HashMap<>(byNode);
    }

    private void uncount(String name) {
        Held<Long> mem = memory.get(name);
        Held<String> owner = owners.get(name);
        if (mem != null && owner != null) {
            byNode.computeIfPresent(owner.value(), (n, sum) -> sum - mem.value() == 0 ? null : sum - mem.value());
        }
    }

    private void count(String name) {
        Held<Long> mem = memory.get(name);
        Held<String> owner = owners.get(name);
        if (mem != null && owner != null) {
            byNode.merge(owner.value(), mem.value(), Long::sum);
        }
    }
}
