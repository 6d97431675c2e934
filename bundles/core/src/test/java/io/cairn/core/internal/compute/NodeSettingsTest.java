package io.cairn.core.internal.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class NodeSettingsTest {
    @Test
    void theConfigBecomesTypedSettings() {
        NodeSettings s = NodeSettings.from(new TestNodeConfig("/images", 512));
        assertEquals("/images", s.imageDir());
        assertEquals("test", s.hypervisor());
        assertEquals(Duration.ofSeconds(1), s.stopTimeout());
        assertEquals(Duration.ofSeconds(10), s.resyncInterval());
        assertEquals(512, s.memoryReserveMiB());
    }

    @Test
    void badValuesAreRefusedNamingTheSettingAndTheFile() {
        assertMessage("image.dir is not set in etc/io.cairn.node.cfg",
                () -> new NodeSettings(" ", "kvm", Duration.ZERO, Duration.ofSeconds(10), 0, 100));
        assertMessage("hypervisor must name a compute driver",
                () -> new NodeSettings("/i", "", Duration.ZERO, Duration.ofSeconds(10), 0, 100));
        assertMessage("stop.timeout.seconds must be zero or positive",
                () -> new NodeSettings("/i", "kvm", Duration.ofSeconds(-1), Duration.ofSeconds(10), 0, 100));
        assertMessage("resync.interval.seconds must be at least 1",
                () -> new NodeSettings("/i", "kvm", Duration.ZERO, Duration.ZERO, 0, 100));
        assertMessage("memory.reserve.mib must be zero or positive",
                () -> new NodeSettings("/i", "kvm", Duration.ZERO, Duration.ofSeconds(10), -1, 100));
        assertThrows(IllegalArgumentException.class,
                () -> new NodeSettings("/i", "kvm", Duration.ZERO, Duration.ofSeconds(10), 0, 0));
    }

    private static void assertMessage(String expected, Runnable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
