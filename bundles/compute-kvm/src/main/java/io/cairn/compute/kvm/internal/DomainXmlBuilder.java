package io.cairn.compute.kvm.internal;

import io.cairn.api.compute.DomainRequest;
import io.cairn.api.compute.NicSpec;
import io.cairn.api.network.NicPort;
import io.cairn.api.compute.Vm;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.util.Objects;

/**
 * Builds the libvirt domain XML of a Cairn VM with the DOM API, so every user value is escaped by
 * the serializer. The domain is transient, boots its kernel directly (or its first disk, cloned from an
 * image: {@code <boot dev='hd'/>}), has the request's disks
 * ({@link DiskXml}) and carries {@link CairnMetadata}.
 */
public final class DomainXmlBuilder {
    /** Prefix of every Cairn domain name, so Cairn domains stand out in {@code virsh list}. */
    public static final String NAME_PREFIX = "cairn-";

    private final String virtType;
    private final NicAttachment nicAttachment;
    private final String emulator;

    /**
     * @param virtType      libvirt domain type: {@code kvm}, {@code qemu} (TCG) or {@code test}
     * @param nicAttachment how NICs are attached on the host
     * @param emulator      the QEMU binary or wrapper, or null for libvirt's default
     */
    public DomainXmlBuilder(String virtType, NicAttachment nicAttachment, String emulator) {
        this.virtType = Objects.requireNonNull(virtType, "virtType");
        this.nicAttachment = Objects.requireNonNull(nicAttachment, "nicAttachment");
        this.emulator = emulator;
    }

    public DomainXmlBuilder(String virtType, NicAttachment nicAttachment) {
        this(virtType, nicAttachment, null);
    }

    public static String domainName(String vmName) {
        return NAME_PREFIX + vmName;
    }

    public String build(DomainRequest request) {
        return Xml.toString(document(request), true);
    }

    public Document document(DomainRequest request) {
        Vm vm = request.vm();
        Document doc = Xml.newDocument();
        Element domain = doc.createElement("domain");
        domain.setAttribute("type", virtType);
        doc.appendChild(domain);

        text(domain, "name", domainName(vm.name()));
        text(domain, "uuid", vm.id().toString());
        Element metadata = child(domain, "metadata");
        new CairnMetadata(vm.id(), vm.name(), request.owner(), request.epoch()).appendTo(metadata);

        long mib = vm.spec().memoryMiB();
        text(domain, "memory", Long.toString(mib)).setAttribute("unit", "MiB");
        text(domain, "currentMemory", Long.toString(mib)).setAttribute("unit", "MiB");
        text(domain, "vcpu", Integer.toString(vm.spec().vcpus())).setAttribute("placement", "static");

        Element os = child(domain, "os");
        Element type = text(os, "type", "hvm");
        type.setAttribute("arch", "x86_64");
        type.setAttribute("machine", "pc");
        if (request.bootsFromDisk()) {
            // its first disk (vda) was cloned from a bootable image: the BIOS boots its boot sector
            child(os, "boot").setAttribute("dev", "hd");
        } else {
            text(os, "kernel", request.kernel().toString());
            if (request.initrd() != null) {
                text(os, "initrd", request.initrd().toString());
            }
            String cmdline = vm.spec().boot().cmdline();
            if (cmdline != null && !cmdline.isEmpty()) {
                text(os, "cmdline", cmdline);
            }
        }

        Element features = child(domain, "features");
        child(features, "acpi");
        child(features, "apic");
        child(domain, "clock").setAttribute("offset", "utc");
        text(domain, "on_poweroff", "destroy");
        text(domain, "on_reboot", "restart");
        text(domain, "on_crash", "destroy");

        Element devices = child(domain, "devices");
        if (emulator != null) {
            text(devices, "emulator", emulator);
        }
        for (int i = 0; i < request.disks().size(); i++) {
            DiskXml.append(devices, request.disks().get(i), i);
        }
        for (int i = 0; i < request.nics().size(); i++) {
            appendNic(devices, request.nics().get(i), request.port(i));
        }
        Element serial = child(devices, "serial");
        serial.setAttribute("type", "pty");
        Element log = child(serial, "log");
        log.setAttribute("file", request.consoleLog().toString());
        log.setAttribute("append", "on");
        child(serial, "target").setAttribute("port", "0");
        Element console = child(devices, "console");
        console.setAttribute("type", "pty");
        Element consoleTarget = child(console, "target");
        consoleTarget.setAttribute("type", "serial");
        consoleTarget.setAttribute("port", "0");
        child(devices, "memballoon").setAttribute("model", "virtio");
        Element rng = child(devices, "rng");
        rng.setAttribute("model", "virtio");
        text(rng, "backend", "/dev/urandom").setAttribute("model", "random");
        return doc;
    }

    private void appendNic(Element devices, NicSpec nic, NicPort port) {
        Element iface = child(devices, "interface");
        if (port != null) {
            OvsPortXml.attach(iface, port);
        } else {
            nicAttachment.attach(iface, nic);
        }
        if (!iface.hasAttribute("type")) {
            throw new IllegalStateException("NIC attachment did not set the interface type");
        }
        child(iface, "mac").setAttribute("address", nic.mac());
        child(iface, "model").setAttribute("type", "virtio");
    }

    private static Element child(Element parent, String name) {
        Element e = parent.getOwnerDocument().createElement(name);
        parent.appendChild(e);
        return e;
    }

    private static Element text(Element parent, String name, String value) {
        Element e = child(parent, name);
        e.setTextContent(value);
        return e;
    }
}
