package io.cairn.soap.internal;

import io.cairn.api.storage.MemberStatus;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlElement;
import javax.xml.bind.annotation.XmlType;

/** A member of a pool as its owner's ZFS shows it: node, device, state and error counters. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "PoolMember", propOrder = {"node", "device", "state", "readErrors", "writeErrors", "checksumErrors"})
public class SoapPoolMember {
    @XmlElement(required = true)
    public String node;
    public String device;
    public String state;
    public long readErrors;
    public long writeErrors;
    public long checksumErrors;

    public SoapPoolMember() {
    }

    static SoapPoolMember of(MemberStatus m) {
        SoapPoolMember out = new SoapPoolMember();
        out.node = m.node();
        out.device = m.device();
        out.state = m.state() == null ? null : m.state().name();
        out.readErrors = m.readErrors();
        out.writeErrors = m.writeErrors();
        out.checksumErrors = m.checksumErrors();
        return out;
    }
}
