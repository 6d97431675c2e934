package io.cairn.soap.internal;

import io.cairn.api.compute.VmSnapshot;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlElement;
import javax.xml.bind.annotation.XmlSchemaType;
import javax.xml.bind.annotation.XmlType;
import javax.xml.bind.annotation.adapters.XmlJavaTypeAdapter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The wire form of a VM snapshot: the VM, the name, when, and the VM's spec and disks at that moment. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "VmSnapshot", propOrder = {"vmId", "vm", "name", "created", "spec", "disks"})
public class SoapVmSnapshot {
    @XmlElement(required = true)
    public String vmId;
    @XmlElement(required = true)
    public String vm;
    @XmlElement(required = true)
    public String name;
    @XmlElement(required = true)
    @XmlJavaTypeAdapter(InstantAdapter.class)
    @XmlSchemaType(name = "dateTime")
    public Instant created;
    @XmlElement(required = true)
    public SoapVmSpec spec;
    @XmlElement(name = "disk")
    public List<SoapDisk> disks = new ArrayList<>();

    public SoapVmSnapshot() {
    }

    static SoapVmSnapshot of(VmSnapshot s) {
        SoapVmSnapshot out = new SoapVmSnapshot();
        out.vmId = s.vmId().toString();
        out.vm = s.vm();
        out.name = s.name();
        out.created = s.created();
        out.spec = SoapVmSpec.of(s.spec());
        s.spec().disks().forEach(d -> out.disks.add(SoapDisk.of(d)));
        return out;
    }
}
