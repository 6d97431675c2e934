package io.cairn.api.compute;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VmSpecTest {
    private static final BootSpec BOOT = new BootSpec("guest/vmlinuz", "guest/initrd.img", "console=ttyS0");

    private static VmSpec spec(String name, int vcpus, long memory, List<NicSpec> nics) {
        return new VmSpec(name, null, vcpus, memory, nics, BOOT, null, false, null);
    }

    @Test
    void validSpecGetsDefaults() {
        VmSpec spec = spec("web-1", 2, 256, null);
        assertEquals("default", spec.tenant());
        assertEquals(List.of(), spec.nics());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "..", "a b", "a\0b", "Web", "-web", "web-",
        "a123456789012345678901234567890123456789012345678901234567890123"})
    void badNamesAreRefusedWithTheRule(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spec(name, 1, 64, null));
        assertTrue(e.getMessage().startsWith("name must be a DNS label"), e.getMessage());
    }

    @Test
    void sixtyThreeCharactersIsTheLongestName() {
        spec("a".repeat(63), 1, 64, null);
        assertThrows(IllegalArgumentException.class, () -> spec("a".repeat(64), 1, 64, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, VmSpec.MAX_VCPUS + 1})
    void vcpusOutOfRange(int vcpus) {
        assertThrows(IllegalArgumentException.class, () -> spec("vm", vcpus, 64, null));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -5, 15, VmSpec.MAX_MEMORY_MIB + 1})
    void memoryOutOfRange(long memory) {
        assertThrows(IllegalArgumentException.class, () -> spec("vm", 1, memory, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"01:00:00:00:00:01", "ff:ff:ff:ff:ff:ff", "00:00:00:00:00:00", "zz:00:00:00:00:01",
        "02:00:00:00:00", "02-00-00-00-00-01"})
    void badMacsAreRefused(String mac) {
        assertThrows(IllegalArgumentException.class, () -> new NicSpec("lan", mac));
    }

    @Test
    void generatedMacsAreUnicastAndLocallyAdministered() {
        for (int i = 0; i < 100; i++) {
            String mac = new NicSpec("lan", null).mac();
            int first = Integer.parseInt(mac.substring(0, 2), 16);
            assertEquals(0, first & 1, mac);
            assertEquals(2, first & 2, mac);
            assertEquals(mac, MacAddress.require(mac));
        }
        assertEquals("02:ab:00:00:00:01", new NicSpec("lan", "02:AB:00:00:00:01").mac());
    }

    @Test
    void duplicateMacsAreRefused() {
        NicSpec nic = new NicSpec("lan", "02:00:00:00:00:01");
        assertThrows(IllegalArgumentException.class, () -> spec("vm", 1, 64, List.of(nic, nic)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "../x", "a/../../x", "a//b", "", ".hidden", "a/./b", "x\0y", "dir/"})
    void bootFilesMustStayInTheImageDirectory(String kernel) {
        assertThrows(IllegalArgumentException.class, () -> new BootSpec(kernel, null, null));
    }

    @Test
    void cmdlineMustNotCarryControlCharacters() {
        assertThrows(IllegalArgumentException.class, () -> new BootSpec("vmlinuz", null, "a\nb"));
        assertEquals("quiet \"x\" <y>", new BootSpec("vmlinuz", null, "quiet \"x\" <y>").cmdline());
    }
}
