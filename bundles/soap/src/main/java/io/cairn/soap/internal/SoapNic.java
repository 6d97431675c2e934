package io.cairn.soap.internal;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlElement;
import javax.xml.bind.annotation.XmlType;

/** The wire form of a NIC: network, (optional on create) MAC and optional fixed address. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Nic", propOrder = {"network", "mac", "address"})
public class SoapNic {
    @XmlElement(required = true)
    public String network;
    public String mac;
    public String address;

    public SoapNic() {
    }

    public SoapNic(String network, String mac, String address) {
        this.network = network;
        this.mac = mac;
        this.address = address;
    }
}
