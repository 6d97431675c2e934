package io.cairn.soap.internal;

import io.cairn.api.compute.VmDisk;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlElement;
import javax.xml.bind.annotation.XmlType;

/**
 * The wire form of a VM's disk: its name, pool (absent in a create: the home pool of the node placement picks),
 * size and the image it is cloned from (absent for an empty disk).
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Disk", propOrder = {"name", "pool", "sizeMiB", "image"})
public class SoapDisk {
    @XmlElement(required = true)
    public String name;
    public String pool;
    @XmlElement(required = true)
    public Long sizeMiB;
    public String image;

    public SoapDisk() {
    }

    static SoapDisk of(VmDisk disk) {
        SoapDisk d = new SoapDisk();
        d.name = disk.name();
        d.pool = disk.pool();
        d.sizeMiB = disk.sizeMiB();
        d.image = disk.image();
        return d;
    }

    /** @throws IllegalArgumentException with the reason, as the REST API answers 422 */
    VmDisk toDisk() {
        if (sizeMiB == null) {
            throw new IllegalArgumentException("disk " + name + ": sizeMiB is required");
        }
        return new VmDisk(name, pool, sizeMiB, image);
    }
}
