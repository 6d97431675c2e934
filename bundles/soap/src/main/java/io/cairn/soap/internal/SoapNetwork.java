package io.cairn.soap.internal;

import io.cairn.api.network.NetworkDetails;
import io.cairn.api.network.NetworkSpec;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlElement;
import javax.xml.bind.annotation.XmlType;

/** The wire form of a network: its spec (create) and, in answers, id and what the backend shows. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Network", propOrder = {"name", "kind", "vni", "vlan", "outerVlan", "mtu", "subnet", "id", "realized", "detail"})
public class SoapNetwork {
    @XmlElement(required = true)
    public String name;
    @XmlElement(required = true)
    public String kind;
    public Integer vni;
    public Integer vlan;
    public Integer outerVlan;
    public Integer mtu;
    public String subnet;
    public String id;
    public Boolean realized;
    public String detail;

    public SoapNetwork() {
    }

    NetworkSpec toSpec() {
        return new NetworkSpec(name, kind, vni, vlan, outerVlan, mtu, subnet);
    }

    static SoapNetwork of(NetworkDetails details) {
        NetworkSpec s = details.network().spec();
        SoapNetwork n = new SoapNetwork();
        n.name = s.name();
        n.kind = s.kind();
        n.vni = s.vni();
        n.vlan = s.vlan();
        n.outerVlan = s.outerVlan();
        n.mtu = s.mtu();
        n.subnet = s.subnet();
        n.id = details.network().id().toString();
        n.realized = details.status().realized();
        n.detail = details.status().detail();
        return n;
    }
}
