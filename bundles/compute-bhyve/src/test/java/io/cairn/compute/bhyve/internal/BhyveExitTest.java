package io.cairn.compute.bhyve.internal;

import io.cairn.api.compute.DomainState;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bhyve(8) EXIT STATUS: 0 rebooted, 1 powered off, 2 halted, 3 triple fault, 4 error. */
class BhyveExitTest {
    @Test
    void everyExitStatusOfTheManual() {
        assertEquals(BhyveExit.REBOOTED, BhyveExit.of(0));
        assertEquals(BhyveExit.POWERED_OFF, BhyveExit.of(1));
        assertEquals(BhyveExit.HALTED, BhyveExit.of(2));
        assertEquals(BhyveExit.TRIPLE_FAULT, BhyveExit.of(3));
        assertEquals(BhyveExit.ERROR, BhyveExit.of(4));
        assertEquals(BhyveExit.KILLED, BhyveExit.of(137));
        assertEquals(BhyveExit.UNKNOWN, BhyveExit.of(5));
    }

    @Test
    void onlyARebootRestartsAndOnlyFailuresAreCrashes() {
        assertTrue(BhyveExit.REBOOTED.restarts());
        for (BhyveExit e : new BhyveExit[] {BhyveExit.POWERED_OFF, BhyveExit.HALTED, BhyveExit.TRIPLE_FAULT,
                BhyveExit.ERROR, BhyveExit.KILLED, BhyveExit.UNKNOWN}) {
            assertFalse(e.restarts(), e.name());
        }
        assertEquals(DomainState.SHUTOFF, BhyveExit.POWERED_OFF.state());
        assertEquals(DomainState.SHUTOFF, BhyveExit.HALTED.state());
        assertEquals(DomainState.SHUTOFF, BhyveExit.KILLED.state());
        assertEquals(DomainState.CRASHED, BhyveExit.TRIPLE_FAULT.state());
        assertEquals(DomainState.CRASHED, BhyveExit.ERROR.state());
        assertEquals("bhyve was killed by signal 9", BhyveExit.describe(137));
        assertEquals("the guest triple-faulted (bhyve exit status 3)", BhyveExit.describe(3));
    }
}
