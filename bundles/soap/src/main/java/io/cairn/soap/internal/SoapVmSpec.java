package io.cairn.soap.internal;

import io.cairn.api.compute.BootSpec;
import io.cairn.api.compute.NicSpec;
import io.cairn.api.compute.VmDisk;
import io.cairn.api.compute.VmSpec;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlElement;
import javax.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/** The wire form of {@link VmSpec}; {@link #toSpec()} applies the record's validation. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "VmSpec", propOrder = {"name", "tenant", "vcpus", "memoryMiB", "nics", "boot", "cloudInit", "ha", "node",
        "disks"})
public class SoapVmSpec {
    @XmlElement(required = true)
    public String name;
    public String tenant;
    @XmlElement(required = true)
    public Integer vcpus;
    @XmlElement(required = true)
    public Long memoryMiB;
    @XmlElement(name = "nic")
    public List<SoapNic> nics = new ArrayList<>();
    /** Absent when the first disk is cloned from an image: the VM boots from it. */
    public SoapBoot boot;
    public String cloudInit;
    public Boolean ha;
    public String node;
    @XmlElement(name = "disk")
    public List<SoapDisk> disks = new ArrayList<>();

    /** @throws IllegalArgumentException with the reason, as the REST API answers 422 */
    public VmSpec toSpec() {
        if (vcpus == null) {
            throw new IllegalArgumentException("vcpus is required");
        }
        if (memoryMiB == null) {
            throw new IllegalArgumentException("memoryMiB is required");
        }
        List<NicSpec> nicSpecs = new ArrayList<>();
        if (nics != null) {
            for (SoapNic nic : nics) {
                if (nic == null) {
                    throw new IllegalArgumentException("nics must not contain empty entries");
                }
                nicSpecs.add(new NicSpec(nic.network, nic.mac, nic.address));
            }
        }
        List<VmDisk> diskSpecs = new ArrayList<>();
        if (disks != null) {
            for (SoapDisk disk : disks) {
                if (disk == null) {
                    throw new IllegalArgumentException("disks must not contain empty entries");
                }
                diskSpecs.add(disk.toDisk());
            }
        }
        return new VmSpec(name, tenant, vcpus, memoryMiB, nicSpecs,
                boot == null ? null : new BootSpec(boot.kernel, boot.initrd, boot.cmdline), cloudInit, ha != null && ha,
                node, diskSpecs);
    }

    static SoapVmSpec of(VmSpec spec) {
        SoapVmSpec out = new SoapVmSpec();
        out.name = spec.name();
        out.tenant = spec.tenant();
        out.vcpus = spec.vcpus();
        out.memoryMiB = spec.memoryMiB();
        for (NicSpec nic : spec.nics()) {
            out.nics.add(new SoapNic(nic.network(), nic.mac(), nic.address()));
        }
        out.boot = spec.boot() == null ? null : new SoapBoot(spec.boot().kernel(), spec.boot().initrd(), spec.boot().cmdline());
        out.cloudInit = spec.cloudInit();
        out.ha = spec.ha();
        out.node = spec.node();
        spec.disks().forEach(d -> out.disks.add(SoapDisk.of(d)));
        return out;
    }
}
