package io.cairn.core.internal.fencing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cairn.core.internal.fencing.WatchdogClient.Status;
import io.cairn.core.internal.fencing.WatchdogClient.WatchdogException;
import io.cairn.core.internal.fencing.WatchdogClient.WatchdogRefusedException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real bin/cairn-watchdog (python3) against fake QEMU processes. */
class WatchdogClientTest {

    private static final Path SCRIPT = Paths.get(System.getProperty("user.dir"))
            .resolve("../../karaf-assembly/src/main/resources/assembly/bin/cairn-watchdog")
            .normalize();

    @TempDir
    Path tmp;
    private Path socket;
    private Path qemuDir;
    private Process watchdog;
    private final List<Process> processes = new ArrayList<>();
    private final List<WatchdogClient> clients = new ArrayList<>();

    @BeforeAll
    static void needPython() {
        boolean ok;
        try {
            ok = new ProcessBuilder("python3", "-c", "pass").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            ok = false;
        }
        assumeTrue(ok, "python3 is not installed");
        assumeTrue(Files.isRegularFile(SCRIPT), "no " + SCRIPT);
    }

    @BeforeEach
    void setUp() throws Exception {
        socket = tmp.resolve("wd.sock");
        qemuDir = Files.createDirectory(tmp.resolve("qemu"));
        watchdog = startWatchdog();
    }

    @AfterEach
    void tearDown() {
        clients.forEach(WatchdogClient::close);
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void feedingKeepsQemuAliveAndStarvingKillsOnlyQemu() throws Exception {
        Process qemu = fakeQemu("cairn-x");
        Process other = startProcess("sleep", "1000");
        Files.writeString(qemuDir.resolve("other.pid"), other.pid() + "\n");
        WatchdogClient wd = client();

        wd.arm(Duration.ofMillis(300));
        for (int i = 0; i < 8; i++) {       // 800 ms, well past the timeout
            Thread.sleep(100);
            wd.feed();
        }
        assertTrue(qemu.isAlive(), "fed watchdog killed QEMU");
        Status s = wd.status();
        assertTrue(s.armed());
        assertEquals(0, s.fired());
        assertTrue(s.remainingMs() > 100 && s.remainingMs() <= 300, "remaining " + s.remainingMs());
        WatchdogRefusedException refused = assertThrows(WatchdogRefusedException.class, wd::disarm);
        assertTrue(refused.reason().contains("qemu running"), refused.reason());

        long t0 = System.nanoTime();
        assertTrue(qemu.waitFor(2, TimeUnit.SECONDS), "starved watchdog did not kill QEMU");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 1000, "killed after " + ms + " ms");
        assertTrue(other.isAlive(), "a process that is not QEMU was killed");
        s = wd.status();
        assertTrue(s.armed());
        assertEquals(0, s.remainingMs());
        assertEquals(1, s.fired());

        wd.feed();                          // fed again: re-armed
        assertTrue(wd.status().remainingMs() > 0);
        wd.disarm();                        // no QEMU left
        assertFalse(wd.status().armed());
        assertThrows(WatchdogRefusedException.class, wd::feed);
    }

    @Test
    void aFeedNeverExtendsPastTheLeasesOwnDeadline() throws Exception {
        Process qemu = fakeQemu("cairn-d");
        WatchdogClient wd = client();
        long now = BootClock.system().nanos();
        wd.arm(Duration.ofSeconds(60), now + Duration.ofMillis(700).toNanos());
        assertTrue(wd.status().remainingMs() <= 700, "arm went past the given deadline: " + wd.status());
        // a feed that arrives after its deadline (e.g. sent just before a pause) is refused
        WatchdogRefusedException late = assertThrows(WatchdogRefusedException.class,
                () -> wd.feedUntil(now - 1));
        assertEquals("deadline passed", late.reason());
        assertTrue(qemu.waitFor(5, TimeUnit.SECONDS), "the fake QEMU outlived the lease deadline");
    }

    @Test
    void closedConnectionDoesNotDisarm() throws Exception {
        Process qemu = fakeQemu("cairn-y");
        try (WatchdogClient first = new WatchdogClient(socket)) {
            first.arm(Duration.ofMillis(400));
        }
        WatchdogClient second = client();
        assertTrue(second.status().armed());
        assertTrue(qemu.waitFor(2, TimeUnit.SECONDS), "QEMU survived a dead client");
        assertEquals(1, second.status().fired());
    }

    @Test
    void graceExtendsTheDeadline() throws Exception {
        Process qemu = fakeQemu("cairn-z");
        WatchdogClient wd = client();
        wd.arm(Duration.ofMillis(200));
        wd.grace(Duration.ofMillis(1500));
        Thread.sleep(600);
        assertTrue(qemu.isAlive(), "killed during grace");
        long left = wd.status().remainingMs();
        assertTrue(left > 500 && left <= 900, "remaining " + left);
        wd.grace(Duration.ofMillis(100));   // never shortens
        assertTrue(wd.status().remainingMs() > 500);
    }

    @Test
    void graceNeverGoesPastItsDeadlineNorTheMaximum() throws Exception {
        WatchdogClient wd = client();
        wd.arm(Duration.ofMillis(300));
        wd.grace(Duration.ofSeconds(5), BootClock.system().nanos() + Duration.ofMillis(800).toNanos());
        long left = wd.status().remainingMs();
        assertTrue(left > 300 && left <= 800, "remaining " + left);
        WatchdogRefusedException tooLong = assertThrows(WatchdogRefusedException.class,
                () -> wd.grace(Duration.ofHours(2)));
        assertTrue(tooLong.reason().contains("exceeds the maximum"), tooLong.reason());
    }

    @Test
    void aGraceNeverCancelsAFenceInProgress() throws Exception {
        WatchdogClient wd = client();
        wd.arm(Duration.ofMillis(200));
        Process first = fakeQemu("cairn-g1");
        assertTrue(first.waitFor(3, TimeUnit.SECONDS), "starved watchdog did not kill QEMU");
        WatchdogRefusedException refused = assertThrows(WatchdogRefusedException.class,
                () -> wd.grace(Duration.ofSeconds(60)));
        assertEquals("fencing in progress", refused.reason());
        Process second = fakeQemu("cairn-g2");   // a QEMU that shows up later is killed too
        assertTrue(second.waitFor(3, TimeUnit.SECONDS), "a QEMU started while fencing survived");
    }

    @Test
    void stoppedWhileArmedItKillsTheQemusBeforeExiting() throws Exception {
        Process qemu = fakeQemu("cairn-t");
        client().arm(Duration.ofSeconds(60));
        watchdog.destroy();                  // SIGTERM
        assertTrue(watchdog.waitFor(10, TimeUnit.SECONDS), "watchdog did not exit on SIGTERM");
        assertFalse(qemu.isAlive(), "the watchdog exited armed and left a QEMU running");
    }

    @Test
    void qemusBehindAWrapperWithoutAPidFileOrRenamedAreFoundAndTheKillIsVerified() throws Exception {
        // a wrapper that runs QEMU as a child: libvirt's pid file names the wrapper
        Process wrapper = startProcess("bash", "-c", "bash -c 'exec -a qemu-system-x86_64 sleep 1000'; sleep 1000");
        Files.writeString(qemuDir.resolve("wrapped.pid"), Long.toString(wrapper.pid()));
        // an emulator under another name, with libvirt's arguments, and no pid file at all
        Process renamed = startProcess("python3", "-c", "import time; time.sleep(1000)", "-uuid",
                "6f2a1c1e-0000-4000-8000-000000000001", "-name", "guest=renamed,debug-threads=on");
        WatchdogClient wd = client();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (wd.status().qemus() < 2) {
            assertTrue(System.nanoTime() < deadline, "the watchdog does not see both QEMUs: " + wd.status());
            Thread.sleep(50);
        }
        wd.arm(Duration.ofMillis(200));
        assertTrue(renamed.waitFor(3, TimeUnit.SECONDS), "a QEMU without a pid file survived the fence");
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (wd.status().qemus() > 0) {
            assertTrue(System.nanoTime() < deadline, "the wrapped QEMU survived the fence: " + wd.status());
            Thread.sleep(50);
        }
        assertTrue(wrapper.isAlive(), "the wrapper itself is not a QEMU and must not be killed");
        assertEquals(0, wd.status().unkillable());
    }

    @Test
    void reconnectsAfterWatchdogRestart() throws Exception {
        WatchdogClient wd = client();
        wd.arm(Duration.ofSeconds(60));
        watchdog.destroy();
        assertTrue(watchdog.waitFor(5, TimeUnit.SECONDS));
        WatchdogException e = assertThrows(WatchdogException.class, wd::feed);
        assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
        watchdog = startWatchdog();
        assertFalse(wd.status().armed());   // a new watchdog starts disarmed
        wd.arm(Duration.ofSeconds(60));
        wd.feed();
    }

    @Test
    void errorsAreClear() throws Exception {
        WatchdogClient wd = client();
        WatchdogRefusedException e = assertThrows(WatchdogRefusedException.class, wd::feed);
        assertEquals("not armed", e.reason());
        assertThrows(WatchdogRefusedException.class, () -> wd.arm(Duration.ofMillis(1)));
        assertThrows(IllegalArgumentException.class, () -> wd.grace(Duration.ofMillis(-1)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));

        WatchdogClient nowhere = new WatchdogClient(tmp.resolve("missing.sock"));
        clients.add(nowhere);
        assertThrows(WatchdogException.class, nowhere::status);
    }

    @Test
    void replyTimeout() throws Exception {
        Path mute = tmp.resolve("mute.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(mute));
            WatchdogClient wd = new WatchdogClient(mute, Duration.ofMillis(300));
            clients.add(wd);
            long t0 = System.nanoTime();
            WatchdogException e = assertThrows(WatchdogException.class, wd::status);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
            assertTrue(ms >= 250 && ms < 2000, "timed out after " + ms + " ms");
            try (SocketChannel accepted = server.accept()) {
                assertTrue(accepted.isConnected());
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private WatchdogClient client() {
        WatchdogClient c = new WatchdogClient(socket);
        clients.add(c);
        return c;
    }

    private Process startWatchdog() throws Exception {
        Process p = new ProcessBuilder("python3", SCRIPT.toString(), "--socket", socket.toString(),
                "--qemu-run-dir", qemuDir.toString(), "--scope", "mountns", "--log", tmp.resolve("wd.log").toString())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("wd.out").toFile())
                .start();
        processes.add(p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!canConnect()) {
            assertTrue(p.isAlive(), "watchdog exited: " + Files.readString(tmp.resolve("wd.out")));
            assertTrue(System.nanoTime() < deadline, "watchdog socket did not appear");
            Thread.sleep(20);
        }
        return p;
    }

    private boolean canConnect() {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A process whose cmdline is "qemu-system-x86_64 1000", with its pid in NAME.pid. */
    private Process fakeQemu(String name) throws Exception {
        Process p = startProcess("bash", "-c", "exec -a qemu-system-x86_64 sleep 1000");
        Path cmdline = Paths.get("/proc", Long.toString(p.pid()), "cmdline");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8)
                .startsWith("qemu-system-x86_64")) {
            assertTrue(System.nanoTime() < deadline, "fake qemu did not exec");
            Thread.sleep(5);
        }
        Files.writeString(qemuDir.resolve(name + ".pid"), Long.toString(p.pid()));
        return p;
    }

    private Process startProcess(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(p);
        return p;
    }
}
