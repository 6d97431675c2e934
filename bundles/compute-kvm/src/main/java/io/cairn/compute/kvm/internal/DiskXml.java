package io.cairn.compute.kvm.internal;

import io.cairn.api.compute.DomainDisk;
import org.w3c.dom.Element;

import java.util.Map;

/**
 * One {@code <disk>} of a domain: a raw image file (a volume on a pool dataset) or a block
 * device (a zvol), {@code cache='none'} and native AIO, on virtio ({@code vda}, {@code vdb}, …)
 * or SATA ({@code sda}, …); other buses are refused with the list this driver supports.
 */
final class DiskXml {
    /** bus -> target device prefix */
    private static final Map<String, String> BUSES = Map.of("virtio", "vd", "sata", "sd");

    private DiskXml() {
    }

    static void append(Element devices, DomainDisk disk, int index) {
        String prefix = BUSES.get(disk.bus());
        if (prefix == null) {
            throw new IllegalArgumentException("the KVM driver attaches disks on virtio or sata, not " + disk.bus());
        }
        if (index >= 26) {
            throw new IllegalArgumentException("the KVM driver attaches at most 26 disks");
        }
        boolean block = disk.path().startsWith("/dev/"); // a zvol (or a real disk); volumes in datasets are files
        Element e = child(devices, "disk");
        e.setAttribute("type", block ? "block" : "file");
        e.setAttribute("device", "disk");
        Element driver = child(e, "driver");
        driver.setAttribute("name", "qemu");
        driver.setAttribute("type", "raw");
        driver.setAttribute("cache", "none");
        driver.setAttribute("io", "native");
        child(e, "source").setAttribute(block ? "dev" : "file", disk.path().toString());
        Element target = child(e, "target");
        target.setAttribute("dev", prefix + (char) ('a' + index));
        target.setAttribute("bus", disk.bus());
        if (disk.readOnly()) {
            child(e, "readonly");
        }
    }

    private static Element child(Element parent, String name) {
        Element e = parent.getOwnerDocument().createElement(name);
        parent.appendChild(e);
        return e;
    }
}
