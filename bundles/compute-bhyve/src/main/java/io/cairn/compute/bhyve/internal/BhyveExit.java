package io.cairn.compute.bhyve.internal;

import io.cairn.api.compute.DomainState;

/**
 * How a bhyve process ended, from its exit status as bhyve(8) EXIT STATUS defines it: 0 rebooted,
 * 1 powered off, 2 halted, 3 triple fault, 4 exited due to an error. A status above 128 is a signal
 * (128 + its number, as the process runner reports it), e.g. a SIGKILL from the fencing watchdog.
 */
public enum BhyveExit {
    REBOOTED, POWERED_OFF, HALTED, TRIPLE_FAULT, ERROR, KILLED, UNKNOWN;

    public static BhyveExit of(int status) {
        return switch (status) {
            case 0 -> REBOOTED;
            case 1 -> POWERED_OFF;
            case 2 -> HALTED;
            case 3 -> TRIPLE_FAULT;
            case 4 -> ERROR;
            default -> status > 128 ? KILLED : UNKNOWN;
        };
    }

    /** Only a guest reboot starts the VM again; everything else leaves it stopped. */
    public boolean restarts() {
        return this == REBOOTED;
    }

    /** The guest failed (as opposed to stopping by itself or being stopped). */
    public boolean crashed() {
        return this == TRIPLE_FAULT || this == ERROR || this == UNKNOWN;
    }

    /** What a domain that ended this way shows until it is started or destroyed again. */
    public DomainState state() {
        return crashed() ? DomainState.CRASHED : DomainState.SHUTOFF;
    }

    public static String describe(int status) {
        return switch (of(status)) {
            case REBOOTED -> "the guest rebooted (bhyve exit status 0)";
            case POWERED_OFF -> "the guest powered off (bhyve exit status 1)";
            case HALTED -> "the guest halted (bhyve exit status 2)";
            case TRIPLE_FAULT -> "the guest triple-faulted (bhyve exit status 3)";
            case ERROR -> "bhyve exited due to an error (exit status 4); see its output in the run directory";
            case KILLED -> "bhyve was killed by signal " + (status - 128);
            case UNKNOWN -> "bhyve exited with the unexpected status " + status;
        };
    }
}
