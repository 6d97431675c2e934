package io.cairn.core.internal.host;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostProbeTest {
    @Test
    void parsesMeminfoFields() {
        List<String> lines = List.of("MemTotal:       24683484 kB", "MemFree:        23000000 kB",
                "MemAvailable:   23450000 kB");
        assertEquals(24683484, HostProbe.parseField(lines, "MemTotal"));
        assertEquals(23450000, HostProbe.parseField(lines, "MemAvailable"));
        assertThrows(IllegalStateException.class, () -> HostProbe.parseField(lines, "SwapTotal"));
    }

    @Test
    void readsThisHost() {
        HostProbe probe = new HostProbe();
        assertTrue(probe.totalMemoryMiB() > 0);
        assertTrue(probe.availableMemoryMiB() <= probe.totalMemoryMiB());
        assertEquals(Runtime.getRuntime().availableProcessors(), probe.cpus());
    }
}
