package io.cairn.compute.bhyve.internal;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.common.UnavailableException;
import io.cairn.api.compute.DomainInfo;
import io.cairn.api.compute.DomainRequest;
import io.cairn.api.compute.DomainState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver's life cycle against {@link FakeFreeBsd}: which programs it runs, in which order, with
 * which command lines, and what it reports when bhyve exits with each status of bhyve(8).
 */
class BhyveComputeDriverTest {
    private static final String MAC = "02:00:00:00:00:01";
    private static final UUID ID = UUID.fromString("6f1c2e3a-0b4d-4c5e-9f60-718293a4b5c6");

    @TempDir
    Path run;
    private final FakeFreeBsd host = new FakeFreeBsd();
    private final FakeProbe probe = new FakeProbe();
    private BhyveComputeDriver driver;

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private BhyveComputeDriver driver(BhyveSettings s) {
        driver = new BhyveComputeDriver(host, s, probe);
        return driver;
    }

    private BhyveSettings settings() {
        BhyveSettings s = BhyveSettings.of(run);
        return new BhyveSettings(s.runDir(), s.programs(), s.bridge(), s.nmdmBase(), s.acpi(), s.limits(),
                Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(20));
    }

    private static DomainRequest web1(long epoch) {
        return Specs.request(ID, "web1", 1, 256, "BHYVE_UEFI.fd", Specs.FIRMWARE, null, null,
                List.of(Specs.disk("/pool/vms/web1/disk0.img", "virtio")), List.of(MAC), epoch);
    }

    private static final List<String> WEB1_BHYVE = List.of("/usr/sbin/bhyve", "-A", "-H", "-P", "-u",
            "-c", "1", "-m", "256M", "-U", ID.toString(),
            "-s", "0,hostbridge", "-s", "1,virtio-blk,/pool/vms/web1/disk0.img",
            "-s", "2,virtio-net,tap0,mac=" + MAC, "-s", "3,virtio-rnd", "-s", "31,lpc",
            "-l", "com1,/dev/nmdm1000A", "-l", "bootrom,/images/BHYVE_UEFI.fd", "cairn-web1");

    @Test
    void startMakesTheTapJoinsTheBridgeFreesAnOldInstanceAndStartsBhyve() {
        driver(settings()).start(web1(7));
        assertEquals(List.of(
                List.of("/sbin/ifconfig", "tap", "create"),
                List.of("/sbin/ifconfig", "tap0", "description", "cairn:web1:" + MAC),
                List.of("/sbin/ifconfig", "bridge0"),
                List.of("/sbin/ifconfig", "bridge0", "addm", "tap0"),
                List.of("/sbin/ifconfig", "tap0", "up"),
                List.of("/sbin/ifconfig", "bridge0"),
                List.of("/usr/sbin/bhyvectl", "--destroy", "--vm=cairn-web1"),
                WEB1_BHYVE), host.calls);
        DomainInfo d = driver.domain(ID).orElseThrow();
        assertEquals(new DomainInfo(ID, "cairn-web1", DomainState.RUNNING, "n1", 7), d);
        assertEquals(List.of(d), driver.domains());
        VmRecord r = new VmRecords(run).get(ID).orElseThrow();
        assertEquals(7, r.epoch());
        assertEquals(host.running("cairn-web1").pid, r.pid());
    }

    @Test
    void aGuestRebootStartsTheSameCommandLineAgain() {
        driver(settings()).start(web1(7));
        FakeFreeBsd.FakeBhyve first = host.running("cairn-web1");
        first.exit(0); // bhyve(8): rebooted
        await(() -> host.bhyveStarts().size() == 2);
        assertEquals(List.of(WEB1_BHYVE, WEB1_BHYVE), host.bhyveStarts());
        await(() -> new VmRecords(run).get(ID).orElseThrow().pid() == host.running("cairn-web1").pid);
        assertEquals(DomainState.RUNNING, driver.domain(ID).orElseThrow().state());
        assertTrue(host.members.contains("tap0"), "the tap stays on the bridge across the reboot");
        int destroys = (int) host.calls.stream().filter(c -> c.contains("--destroy")).count();
        assertEquals(2, destroys, "the old kernel instance is freed before each boot");
    }

    @Test
    void aGuestPowerOffLeavesItStoppedAndFreesTapAndInstance() {
        driver(settings()).start(web1(7));
        host.running("cairn-web1").exit(1); // powered off
        await(() -> driver.domain(ID).isEmpty());
        assertEquals(1, host.bhyveStarts().size(), "a power-off is not restarted");
        assertFalse(host.instances.contains("cairn-web1"));
        assertTrue(host.taps.isEmpty(), "the tap is destroyed");
        assertTrue(host.calls.contains(List.of("/sbin/ifconfig", "tap0", "destroy")));
        assertEquals(0, new VmRecords(run).get(ID).orElseThrow().pid(), "the record stays (slots) without a process");
    }

    @Test
    void aTripleFaultShowsTheDomainCrashedUntilItIsStartedAgainInTheSameSlots() {
        driver(settings()).start(web1(7));
        host.running("cairn-web1").exit(3);
        await(() -> driver.domain(ID).map(d -> d.state() == DomainState.CRASHED).orElse(false));
        assertEquals(Optional.of("the guest triple-faulted (bhyve exit status 3)"), driver.crash(ID));
        driver.start(web1(8));
        assertEquals(List.of(WEB1_BHYVE, WEB1_BHYVE), host.bhyveStarts());
        assertEquals(new DomainInfo(ID, "cairn-web1", DomainState.RUNNING, "n1", 8), driver.domain(ID).orElseThrow());
    }

    @Test
    void anErrorExitIsACrashTooAndDestroyClearsIt() {
        driver(settings()).start(web1(7));
        host.running("cairn-web1").exit(4);
        await(() -> driver.domain(ID).map(d -> d.state() == DomainState.CRASHED).orElse(false));
        driver.destroy(ID);
        assertTrue(driver.domain(ID).isEmpty());
    }

    @Test
    void slotsStayTheSameAfterAStopAndAStartWithAnAddedDisk() {
        driver(settings()).start(web1(7));
        driver.destroy(ID);
        assertTrue(driver.domain(ID).isEmpty());
        DomainRequest more = Specs.request(ID, "web1", 1, 256, "BHYVE_UEFI.fd", Specs.FIRMWARE, null, null,
                List.of(Specs.disk("/pool/vms/web1/disk0.img", "virtio"), Specs.disk("/pool/vms/web1/data.img", "nvme")),
                List.of(MAC), 9);
        driver.start(more);
        assertEquals(List.of("/usr/sbin/bhyve", "-A", "-H", "-P", "-u",
                "-c", "1", "-m", "256M", "-U", ID.toString(),
                "-s", "0,hostbridge", "-s", "1,virtio-blk,/pool/vms/web1/disk0.img",
                "-s", "2,virtio-net,tap0,mac=" + MAC, "-s", "3,virtio-rnd", "-s", "4,nvme,/pool/vms/web1/data.img",
                "-s", "31,lpc", "-l", "com1,/dev/nmdm1000A", "-l", "bootrom,/images/BHYVE_UEFI.fd", "cairn-web1"),
                host.bhyveStarts().get(1));
    }

    @Test
    void shutdownAsksTheGuestThroughSigtermAndPowersItOffWhenItDoesNotListen() {
        driver(settings()).start(web1(7));
        long pid = host.running("cairn-web1").pid;
        assertTrue(driver.shutdown(ID, Duration.ofSeconds(2)));
        assertTrue(host.calls.contains(List.of("/bin/kill", "-TERM", Long.toString(pid))));
        assertTrue(driver.domain(ID).isEmpty());

        driver.start(web1(8));
        host.guestObeysAcpi = false;
        assertFalse(driver.shutdown(ID, Duration.ofMillis(200)));
        assertTrue(host.calls.contains(List.of("/usr/sbin/bhyvectl", "--vm=cairn-web1", "--force-poweroff")));
        assertTrue(driver.domain(ID).isEmpty());
        assertTrue(driver.shutdown(ID, Duration.ofMillis(200)), "nothing to shut down");
    }

    @Test
    void rebootResetsTheGuestAndBhyveIsStartedAgain() {
        driver(settings()).start(web1(7));
        driver.reboot(ID);
        assertTrue(host.calls.contains(List.of("/usr/sbin/bhyvectl", "--vm=cairn-web1", "--force-reset")));
        await(() -> host.bhyveStarts().size() == 2);
        assertThrows(NotFoundException.class, () -> driver.reboot(UUID.randomUUID()));
    }

    @Test
    void aRunningVmKeepsItsProcessRefusesAStaleEpochAndRecordsANewerOne() {
        driver(settings()).start(web1(7));
        assertThrows(ConflictException.class, () -> driver.start(Specs.withEpoch(web1(7), "n2", 6)));
        driver.start(Specs.withEpoch(web1(7), "n2", 12));
        assertEquals(1, host.bhyveStarts().size());
        assertEquals(new DomainInfo(ID, "cairn-web1", DomainState.RUNNING, "n2", 12), driver.domain(ID).orElseThrow());
        assertEquals(12, new VmRecords(run).get(ID).orElseThrow().epoch());
    }

    @Test
    void aWrongSpecIsRefusedBeforeAnyProgramRuns() {
        driver(settings());
        host.calls.clear();
        DomainRequest ide = Specs.request(ID, "web1", 1, 256, "BHYVE_UEFI.fd", Specs.FIRMWARE, null, null,
                List.of(Specs.disk("/pool/a.img", "ide")), List.of(MAC), 1);
        assertThrows(IllegalArgumentException.class, () -> driver.start(ide));
        DomainRequest wide = Specs.request(ID, "web1", 17, 256, "BHYVE_UEFI.fd", Specs.FIRMWARE, null, null,
                List.of(Specs.disk("/pool/a.img", "virtio")), List.of(MAC), 1);
        assertThrows(IllegalArgumentException.class, () -> driver.start(wide));
        assertEquals(List.of(), host.calls);
        assertTrue(driver.domains().isEmpty());
    }

    @Test
    void onAHostWithoutBhyveTheDriverSaysWhyAndRunsNothing() {
        probe.os = "Linux";
        driver(settings());
        assertFalse(driver.availability().available());
        assertTrue(driver.availability().reason().startsWith("bhyve runs only on FreeBSD and this node runs Linux"));
        UnavailableException e = assertThrows(UnavailableException.class, () -> driver.start(web1(1)));
        assertTrue(e.getMessage().contains("bhyve runs only on FreeBSD"), e.getMessage());
        assertEquals(List.of(), driver.domains());
        assertEquals(List.of(), host.calls);
    }

    @Test
    void cpuAndIoLimitsGoThroughRctlOnTheBhyveProcess() {
        driver(settings().withLimits(new BhyveSettings.Limits(50, 10_485_760, 0, 0, 500))).start(web1(7));
        long pid = host.running("cairn-web1").pid;
        assertTrue(host.calls.contains(List.of("/usr/bin/rctl", "-a", "process:" + pid + ":pcpu:deny=50")));
        assertTrue(host.calls.contains(List.of("/usr/bin/rctl", "-a", "process:" + pid + ":readbps:throttle=10485760")));
        assertTrue(host.calls.contains(List.of("/usr/bin/rctl", "-a", "process:" + pid + ":writeiops:throttle=500")));
        assertEquals(List.of("/usr/bin/rctl", "process:" + pid), host.calls.get(host.calls.size() - 1));
    }

    @Test
    void limitsThatCannotBeAppliedStopTheVmWithRctlsReason() {
        host.racctDisabled = true;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> driver(
                settings().withLimits(new BhyveSettings.Limits(100, 0, 0, 0, 0))).start(web1(7)));
        assertTrue(e.getMessage().contains("enable using kern.racct.enable=1 tunable"), e.getMessage());
        assertFalse(host.running("cairn-web1").isAlive());
        await(() -> driver.domain(ID).isEmpty());
    }

    @Test
    void aRunningBhyveIsAdoptedAfterARestartAndItsEpochChecked() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            ProcessHandle h = sleeper.toHandle();
            Path executable = Path.of(h.info().command().orElseThrow());
            Instant started = h.info().startInstant().orElse(null);
            BhyveSettings s = settings();
            BhyveSettings.Programs p = s.programs();
            BhyveSettings adopting = new BhyveSettings(s.runDir(), new BhyveSettings.Programs(executable, p.bhyvectl(),
                    p.bhyveload(), p.ifconfig(), p.rctl(), p.kldstat(), p.sysctl(), p.kill()), s.bridge(), s.nmdmBase(),
                    s.acpi(), s.limits(), s.commandTimeout(), s.shutdownTimeout(), s.pollInterval());
            new VmRecords(run).put(new VmRecord(ID, "web1", "n1", 21, "cairn-web1", sleeper.pid(), started, 1000,
                    java.util.Map.of(), java.util.Map.of()));
            driver(adopting);
            assertEquals(List.of(new DomainInfo(ID, "cairn-web1", DomainState.RUNNING, "n1", 21)), driver.domains());
            assertThrows(ConflictException.class, () -> driver.start(web1(20)));
            driver.destroy(ID); // bhyvectl does not know the sleeper: the driver kills it
            assertFalse(sleeper.isAlive());
            assertTrue(driver.domain(ID).isEmpty());
            assertEquals(0, new VmRecords(run).get(ID).orElseThrow().pid());
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void aRecordWhoseProcessIsGoneIsNotListedAndItsResourcesAreFreed() {
        host.instances.add("cairn-web1");
        new VmRecords(run).put(new VmRecord(ID, "web1", "n1", 5, "cairn-web1", 3_999_999, Instant.EPOCH, 1000,
                java.util.Map.of(), java.util.Map.of()));
        driver(settings());
        assertEquals(List.of(), driver.domains());
        assertFalse(host.instances.contains("cairn-web1"), "bhyvectl --destroy freed the instance left behind");
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
