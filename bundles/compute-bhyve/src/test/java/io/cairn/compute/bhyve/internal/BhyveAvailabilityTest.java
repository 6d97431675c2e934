package io.cairn.compute.bhyve.internal;

import io.cairn.api.compute.DriverAvailability;
import io.cairn.api.host.CommandResult;
import io.cairn.api.host.HostCommands;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BhyveAvailabilityTest {
    private final BhyveSettings settings = BhyveSettings.of(Path.of("/var/run/cairn/bhyve"));

    @Test
    void thisLinuxMachineIsReportedUnavailableWithoutRunningAnyProgram() {
        List<List<String>> ran = new ArrayList<>();
        HostCommands recording = new HostCommands() {
            @Override
            public CommandResult run(List<String> argv, Duration timeout) {
                ran.add(argv);
                throw new AssertionError("no program may run on a host without bhyve: " + argv);
            }

            @Override
            public CommandResult exec(List<String> argv, Duration timeout) {
                return run(argv, timeout);
            }
        };
        BhyveAvailability a = BhyveAvailability.check(HostProbe.of(recording, settings), settings);
        assertFalse(a.availability().available());
        assertEquals("bhyve runs only on FreeBSD and this node runs " + System.getProperty("os.name")
                + "; use the kvm driver here (hypervisor = kvm in etc/io.cairn.node.cfg)", a.availability().reason());
        assertEquals(List.of(), ran);
    }

    @Test
    void eachMissingPieceIsNamedWithItsFix() {
        FakeProbe host = new FakeProbe();
        assertEquals(new BhyveAvailability(DriverAvailability.ready(), 16), BhyveAvailability.check(host, settings));

        host.maxVcpus = OptionalInt.empty();
        assertTrue(reason(host).contains("hw.vmm.maxcpu"));
        host.maxVcpus = OptionalInt.of(16);

        host.interfaces.clear();
        assertTrue(reason(host).startsWith("the bridge bridge0 that VM taps join does not exist: ifconfig bridge0 create"));
        host.interfaces.add("bridge0");

        host.modules.remove("nmdm");
        assertTrue(reason(host).startsWith("the nmdm kernel module (serial consoles) is not loaded: kldload nmdm"));
        host.modules.remove("vmm");
        assertEquals("the vmm kernel module is not loaded: kldload vmm, and vmm_load=\"YES\" in /boot/loader.conf",
                reason(host), "the first missing piece is reported");
        host.missingPrograms.add(Path.of("/usr/sbin/bhyveload"));
        assertTrue(reason(host).startsWith("/usr/sbin/bhyveload is missing or not executable"));
        host.os = "Linux";
        assertTrue(reason(host).startsWith("bhyve runs only on FreeBSD and this node runs Linux"));
    }

    private String reason(FakeProbe host) {
        BhyveAvailability a = BhyveAvailability.check(host, settings);
        assertFalse(a.availability().available());
        assertEquals(0, a.maxVcpus());
        return a.availability().reason();
    }
}
