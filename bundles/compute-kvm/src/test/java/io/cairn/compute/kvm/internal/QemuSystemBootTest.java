package io.cairn.compute.kvm.internal;

import io.cairn.api.compute.DomainInfo;
import io.cairn.api.compute.DomainRequest;
import io.cairn.api.compute.DomainState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Boots the tiny test guest under the system libvirtd for real. Skipped unless
 * {@code /run/libvirt/libvirt-sock} exists and {@code build/guest/vmlinuz} + {@code build/guest/initrd.img}
 * exist under the repository root (build them with {@code scripts/build-guest}).
 */
@Tag("libvirtd")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QemuSystemBootTest {
    private static final String MARKER = "CAIRN-GUEST-READY";
    private static final String ACPI_MARKER = "cairn-guest: power button, powering off";
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(180);

    private KvmComputeDriver driver;
    private Path guest;
    private final List<UUID> started = new ArrayList<>();

    @BeforeAll
    void setUp() {
        assumeTrue(Files.exists(Path.of("/run/libvirt/libvirt-sock")), "no system libvirtd socket");
        guest = guestDir();
        assumeTrue(Files.isReadable(guest.resolve("vmlinuz")) && Files.isReadable(guest.resolve("initrd.img")),
                "no test guest at " + guest + " (run scripts/build-guest)");
        driver = new KvmComputeDriver(new KvmSettings("qemu:///system", Duration.ofSeconds(60),
                Duration.ofMillis(200), System.getProperty("cairn.kvm.virt.type", "auto")));
        String type;
        try {
            type = driver.virtType();
        } catch (RuntimeException e) {
            assumeTrue(false, "libvirtd does not answer: " + e.getMessage());
            return;
        }
        System.out.println("qemu:///system domain type: " + type);
    }

    @AfterAll
    void tearDown() {
        if (driver != null) {
            for (UUID id : started) {
                try {
                    driver.destroy(id);
                } catch (RuntimeException e) {
                    System.err.println("cleanup of " + id + " failed: " + e.getMessage());
                }
            }
            driver.close();
        }
    }

    static Path guestDir() {
        String override = System.getProperty("cairn.guest.dir");
        if (override != null) {
            return Path.of(override).toAbsolutePath();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("bundles").resolve("api"))) {
            dir = dir.getParent();
        }
        return (dir == null ? Path.of("").toAbsolutePath() : dir).resolve("build").resolve("guest");
    }

    private DomainRequest request(String name) throws IOException {
        UUID id = UUID.randomUUID();
        started.add(id);
        DomainRequest r = Requests.request(id, name, "node1", 11, "console=ttyS0 panic=-1 quiet",
                guest.resolve("vmlinuz"), guest.resolve("initrd.img"), 256, 1);
        Files.deleteIfExists(r.consoleLog());
        return r;
    }

    @Test
    void bootsShowsUpInVirshAndShutsDownByAcpi() throws Exception {
        String name = "it-" + UUID.randomUUID().toString().substring(0, 8);
        DomainRequest r = request(name);
        long t0 = System.nanoTime();
        driver.start(r);
        driver.start(r); // idempotent
        String console = waitForConsole(r.consoleLog(), MARKER, BOOT_TIMEOUT);
        System.out.printf(Locale.ROOT, "guest %s reached %s after %.1f s%n", name, MARKER,
                (System.nanoTime() - t0) / 1e9);
        assertTrue(console.contains(MARKER));

        DomainInfo info = driver.domain(r.vm().id()).orElseThrow();
        assertEquals(DomainState.RUNNING, info.state());
        assertEquals(11, info.epoch());
        assertTrue(driver.domains().contains(info));

        String dominfo = virsh("dominfo", "cairn-" + name);
        assertTrue(dominfo.matches("(?s).*State:\\s+running.*"), dominfo);
        assertTrue(dominfo.matches("(?s).*Persistent:\\s+no.*"), dominfo);
        assertTrue(dominfo.matches("(?s).*Autostart:\\s+disable.*"), dominfo);
        String metadata = virsh("metadata", "cairn-" + name, "--uri", CairnMetadata.NAMESPACE);
        assertTrue(metadata.contains("owner=\"node1\"") && metadata.contains("epoch=\"11\""), metadata);
        String xml = virsh("dumpxml", "cairn-" + name);
        System.out.println("domain type in dumpxml: " + xml.lines().findFirst().orElse(""));

        long s0 = System.nanoTime();
        boolean graceful = driver.shutdown(r.vm().id(), Duration.ofSeconds(60));
        System.out.printf(Locale.ROOT, "shutdown graceful=%s after %.1f s%n", graceful, (System.nanoTime() - s0) / 1e9);
        assertTrue(driver.domain(r.vm().id()).isEmpty(), "the transient domain is gone");
        boolean acpiSeen = Files.readString(r.consoleLog(), StandardCharsets.ISO_8859_1).contains(ACPI_MARKER);
        assertEquals(acpiSeen, graceful, "graceful exactly when the guest handled the ACPI power button");
        assertTrue(driver.shutdown(r.vm().id(), Duration.ofSeconds(1)));
        driver.destroy(r.vm().id());
    }

    @Test
    void shutdownPowersOffAGuestThatIgnoresAcpi() throws Exception {
        String name = "it-" + UUID.randomUUID().toString().substring(0, 8);
        DomainRequest r = request(name);
        driver.start(r);
        // still in firmware/early boot: nothing listens to the power button yet
        boolean graceful = driver.shutdown(r.vm().id(), Duration.ofMillis(500));
        assertFalse(graceful);
        assertTrue(driver.domain(r.vm().id()).isEmpty());
        driver.destroy(r.vm().id());
    }

    private static String waitForConsole(Path log, String marker, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String content = "";
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                content = Files.readString(log, StandardCharsets.ISO_8859_1);
                if (content.contains(marker)) {
                    return content;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no " + marker + " on the console within " + timeout + "; console:\n" + content);
    }

    /** Asks the backend itself (test code only; the driver never runs host programs). */
    private static String virsh(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("virsh", "-c", "qemu:///system"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", argv) + ": " + out);
        return out;
    }
}
