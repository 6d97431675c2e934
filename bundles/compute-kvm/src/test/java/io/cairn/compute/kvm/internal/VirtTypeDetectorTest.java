package io.cairn.compute.kvm.internal;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VirtTypeDetectorTest {
    static String caps(String... types) {
        StringBuilder domains = new StringBuilder();
        for (String t : types) {
            domains.append("<domain type='").append(t).append("'/>");
        }
        return "<capabilities><host><uuid>x</uuid></host>"
                + "<guest><os_type>hvm</os_type><arch name='i686'><domain type='other'/></arch></guest>"
                + "<guest><os_type>hvm</os_type><arch name='x86_64'><wordsize>64</wordsize>"
                + "<emulator>/usr/bin/qemu-system-x86_64</emulator>" + domains + "</arch></guest></capabilities>";
    }

    static VirtTypeDetector.HostProbe probe(String device, String cpu) {
        return new VirtTypeDetector.HostProbe() {
            @Override
            public String kvmDeviceProblem() {
                return device;
            }

            @Override
            public String cpuVirtualisationProblem() {
                return cpu;
            }
        };
    }

    static final VirtTypeDetector.HostProbe OK = probe(null, null);

    @Test
    void kvmOnlyWhenEverythingAgrees() {
        assertEquals("kvm", VirtTypeDetector.decide(caps("qemu", "kvm"), "qemu:///system", "auto", OK).type());
        VirtTypeDetector.Decision d = VirtTypeDetector.decide(caps("qemu", "kvm"), "qemu:///system", "auto",
                probe(null, "no vmx"));
        assertEquals("qemu", d.type());
        assertTrue(d.reason().contains("no vmx"), d.reason());
        assertEquals("qemu", VirtTypeDetector.decide(caps("qemu", "kvm"), "qemu:///system", "auto",
                probe("/dev/kvm does not exist", null)).type());
        assertEquals("qemu", VirtTypeDetector.decide(caps("qemu"), "qemu:///system", "auto", OK).type());
    }

    @Test
    void remoteHostsAreJudgedByTheirCapabilities() {
        assertEquals("kvm", VirtTypeDetector.decide(caps("qemu", "kvm"), "qemu+ssh://node2/system", null,
                probe("absent", "absent")).type());
    }

    @Test
    void testDriverGetsWhatItAdvertises() {
        assertEquals("test", VirtTypeDetector.decide(caps("test"), "test:///default", "auto", OK).type());
        assertEquals(Set.of("test"), VirtTypeDetector.advertisedTypes(caps("test")));
    }

    @Test
    void forcedTypesMustBeAdvertised() {
        assertEquals("qemu", VirtTypeDetector.decide(caps("qemu", "kvm"), "qemu:///system", "qemu", OK).type());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> VirtTypeDetector.decide(caps("qemu"), "qemu:///system", "kvm", OK));
        assertTrue(e.getMessage().contains("[qemu]"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> VirtTypeDetector.decide("<capabilities/>", "qemu:///system", "auto", OK));
    }

    @Test
    void cpuFlagsPatternMatchesRealCpuinfo() {
        assertEquals(List.of("qemu", "kvm"), List.copyOf(VirtTypeDetector.advertisedTypes(caps("qemu", "kvm"))));
        // the real probe answers without throwing on any host
        VirtTypeDetector.LOCAL_HOST.kvmDeviceProblem();
        VirtTypeDetector.LOCAL_HOST.cpuVirtualisationProblem();
    }
}
