package io.cairn.soap.internal;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlElement;
import javax.xml.bind.annotation.XmlType;

/** The wire form of a NIC: network and (optional on create) MAC. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Nic", propOrder = {"network", "mac"})
public class SoapNic {
    @XmlElement(required = true)
    public String network;
    public String mac;

    public SoapNic() {
    }

    public SoapNic(String network, String mac) {
        this.network = network;
        this.mac = mac;
    }
}
