package io.cairn.soap.internal;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlElement;
import javax.xml.bind.annotation.XmlType;

/** The wire form of direct kernel boot; paths relative to the node's image directory. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Boot", propOrder = {"kernel", "initrd", "cmdline"})
public class SoapBoot {
    @XmlElement(required = true)
    public String kernel;
    public String initrd;
    public String cmdline;

    public SoapBoot() {
    }

    public SoapBoot(String kernel, String initrd, String cmdline) {
        this.kernel = kernel;
        this.initrd = initrd;
        this.cmdline = cmdline;
    }
}
