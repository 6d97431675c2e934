package io.cairn.core.internal.compute;

/**
 * How much of a node's memory VMs may be committed: the node's memory less the reserve, times
 * {@code commitPercent} / 100. Committed memory counts every VM a node owns, stopped ones too (so each can start
 * where it is); above 100 % a node takes more VMs than it could run at once (stopped VMs, ballooned guests).
 *
 * @param reserveMiB    host memory kept free of VMs
 * @param commitPercent percent of the rest that VMs may be committed, 1 to 10000 (100: no overcommit)
 */
record MemoryBudget(long reserveMiB, int commitPercent) {
    MemoryBudget {
        if (reserveMiB < 0) {
            throw new IllegalArgumentException("memory.reserve.mib must be zero or positive, was " + reserveMiB);
        }
        if (commitPercent < 1 || commitPercent > 10_000) {
            throw new IllegalArgumentException("memory.commit.percent must be between 1 and 10000, was "
                    + commitPercent);
        }
    }

    /** No overcommit. */
    static MemoryBudget reserving(long reserveMiB) {
        return new MemoryBudget(reserveMiB, 100);
    }

    /** MiB that VMs may be committed on a node of {@code nodeMiB}. */
    long forVms(long nodeMiB) {
        return Math.max(0, nodeMiB - reserveMiB) * commitPercent / 100;
    }
}
