package io.cairn.soap.internal;

import io.cairn.api.compute.VmDisk;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlElement;
import javax.xml.bind.annotation.XmlType;

/** The wire form of a VM's disk: its name, pool and size. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Disk", propOrder = {"name", "pool", "sizeMiB"})
public class SoapDisk {
    @XmlElement(required = true)
    public String name;
    @XmlElement(required = true)
    public String pool;
    public long sizeMiB;

    public SoapDisk() {
    }

    static SoapDisk of(VmDisk disk) {
        SoapDisk d = new SoapDisk();
        d.name = disk.name();
        d.pool = disk.pool();
        d.sizeMiB = disk.sizeMiB();
        return d;
    }
}
