package io.cairn.compute.kvm.internal;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import java.io.RandomAccessFile;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Chooses the libvirt domain type: {@code kvm} only where it really works, else {@code qemu} (TCG).
 * <p>
 * KVM is chosen when (1) the host capabilities advertise a {@code kvm} domain for x86_64 hvm
 * guests, and, for a local URI, (2) {@code /dev/kvm} opens read-write and (3) the host CPU shows
 * hardware virtualisation ({@code vmx} or {@code svm} in {@code /proc/cpuinfo}). The third check
 * matters: some nested hosts expose a {@code /dev/kvm} that libvirt and QEMU accept but on which a
 * guest kernel never gets past its setup code. Drivers without kvm/qemu (the test driver) get the
 * first type their capabilities advertise.
 */
public final class VirtTypeDetector {
    /** What the host offers, separated so tests can fake it. */
    public interface HostProbe {
        /** @return null if /dev/kvm opens read-write, else why not */
        String kvmDeviceProblem();

        /** @return null if the CPU shows vmx or svm, else why not */
        String cpuVirtualisationProblem();
    }

    /** A decision and the reason for it, logged once. */
    public record Decision(String type, String reason) {
    }

    private static final Pattern CPU_FLAGS = Pattern.compile("(?m)^flags\\s*:.*\\b(vmx|svm)\\b");

    private VirtTypeDetector() {
    }

    /**
     * @param capabilitiesXml output of {@code virConnectGetCapabilities}
     * @param uri             the connection URI (the host checks apply to local URIs only)
     * @param wanted          {@code auto}, {@code kvm} or {@code qemu} (or any type the host advertises)
     * @param probe           host checks
     */
    public static Decision decide(String capabilitiesXml, String uri, String wanted, HostProbe probe) {
        Set<String> advertised = advertisedTypes(capabilitiesXml, "x86_64");
        if (advertised.isEmpty()) {
            // libvirt's test driver advertises i686 guests only but accepts x86_64 ones
            advertised = advertisedTypes(capabilitiesXml, null);
            advertised.removeAll(Set.of("kvm", "qemu"));
        }
        if (advertised.isEmpty()) {
            throw new IllegalStateException("libvirt at " + uri
                    + " advertises no domain type for x86_64 hvm guests");
        }
        String want = wanted == null || wanted.isBlank() ? "auto" : wanted.trim().toLowerCase(Locale.ROOT);
        if (!want.equals("auto")) {
            if (!advertised.contains(want)) {
                throw new IllegalStateException("virt.type=" + want + " is configured but libvirt at " + uri
                        + " only advertises " + advertised);
            }
            return new Decision(want, "configured virt.type=" + want);
        }
        if (advertised.contains("kvm")) {
            if (!isLocal(uri)) {
                return new Decision("kvm", "capabilities of remote " + uri + " advertise kvm");
            }
            String problem = probe.kvmDeviceProblem();
            if (problem == null) {
                problem = probe.cpuVirtualisationProblem();
            }
            if (problem == null) {
                return new Decision("kvm", "capabilities advertise kvm, /dev/kvm opens, CPU has vmx/svm");
            }
            if (advertised.contains("qemu")) {
                return new Decision("qemu", "capabilities advertise kvm but " + problem + "; using TCG");
            }
            throw new IllegalStateException("libvirt advertises kvm but " + problem + ", and no qemu (TCG) type");
        }
        if (advertised.contains("qemu")) {
            return new Decision("qemu", "capabilities do not advertise kvm; using TCG");
        }
        String first = advertised.iterator().next();
        return new Decision(first, "capabilities advertise only " + advertised);
    }

    /** Domain types advertised for x86_64 hvm guests, in document order. */
    public static Set<String> advertisedTypes(String capabilitiesXml) {
        return advertisedTypes(capabilitiesXml, "x86_64");
    }

    /** Domain types advertised for hvm guests of {@code arch} (any arch if null), in document order. */
    static Set<String> advertisedTypes(String capabilitiesXml, String wantedArch) {
        Set<String> types = new LinkedHashSet<>();
        Document doc;
        try {
            doc = Xml.newBuilder().parse(new InputSource(new StringReader(capabilitiesXml)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot parse libvirt capabilities: " + e.getMessage(), e);
        }
        NodeList guests = doc.getElementsByTagName("guest");
        for (int i = 0; i < guests.getLength(); i++) {
            Element guest = (Element) guests.item(i);
            if (!"hvm".equals(firstText(guest, "os_type"))) {
                continue;
            }
            NodeList arches = guest.getElementsByTagName("arch");
            for (int a = 0; a < arches.getLength(); a++) {
                Element arch = (Element) arches.item(a);
                if (wantedArch != null && !wantedArch.equals(arch.getAttribute("name"))) {
                    continue;
                }
                NodeList domains = arch.getElementsByTagName("domain");
                for (int d = 0; d < domains.getLength(); d++) {
                    String type = ((Element) domains.item(d)).getAttribute("type");
                    if (!type.isEmpty()) {
                        types.add(type);
                    }
                }
            }
        }
        return types;
    }

    private static String firstText(Element parent, String name) {
        NodeList list = parent.getElementsByTagName(name);
        return list.getLength() == 0 ? null : list.item(0).getTextContent().trim();
    }

    static boolean isLocal(String uri) {
        try {
            String host = URI.create(uri).getHost();
            return host == null || host.isEmpty();
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /** The real host: opens /dev/kvm and reads /proc/cpuinfo. */
    public static final HostProbe LOCAL_HOST = new HostProbe() {
        @Override
        public String kvmDeviceProblem() {
            Path dev = Path.of("/dev/kvm");
            if (!Files.exists(dev)) {
                return "/dev/kvm does not exist";
            }
            try (RandomAccessFile f = new RandomAccessFile(dev.toFile(), "rw")) {
                return null;
            } catch (Exception e) {
                return "/dev/kvm does not open read-write (" + e.getMessage() + ")";
            }
        }

        @Override
        public String cpuVirtualisationProblem() {
            try {
                String cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
                return CPU_FLAGS.matcher(cpuinfo).find() ? null
                        : "the CPU flags in /proc/cpuinfo show neither vmx nor svm (no hardware virtualisation)";
            } catch (Exception e) {
                return "/proc/cpuinfo is unreadable (" + e.getMessage() + ")";
            }
        }
    };
}
