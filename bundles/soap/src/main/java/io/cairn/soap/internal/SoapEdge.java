package io.cairn.soap.internal;

import io.cairn.api.network.Edge;
import io.cairn.api.network.EdgeSpec;
import io.cairn.api.network.PortForward;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlElement;
import javax.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire form of an EDGE router: its spec (create) and, in answers, the owning node and the epoch of that
 * ownership. {@link #toSpec()} applies the record's validation.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Edge", propOrder = {"network", "uplinkAddress", "uplinkGateway", "nat", "forwards", "owner", "epoch"})
public class SoapEdge {
    /** The routed network the EDGE is named after. */
    @XmlElement(required = true)
    public String network;
    /** The EDGE's address on the uplink, IPv4 CIDR (192.0.2.10/24). */
    @XmlElement(required = true)
    public String uplinkAddress;
    /** The uplink's next hop. */
    @XmlElement(required = true)
    public String uplinkGateway;
    /** Source NAT of the network to the uplink address; false when absent. */
    public Boolean nat;
    @XmlElement(name = "forward")
    public List<SoapForward> forwards = new ArrayList<>();
    public String owner;
    public Long epoch;

    public SoapEdge() {
    }

    /** @throws IllegalArgumentException with the reason, as the REST API answers 422 */
    EdgeSpec toSpec() {
        List<PortForward> specs = new ArrayList<>();
        if (forwards != null) {
            for (SoapForward forward : forwards) {
                if (forward == null) {
                    throw new IllegalArgumentException("forwards must not contain empty entries");
                }
                specs.add(forward.toForward());
            }
        }
        return new EdgeSpec(network, uplinkAddress, uplinkGateway, nat != null && nat, specs);
    }

    static SoapEdge of(Edge edge) {
        EdgeSpec spec = edge.spec();
        SoapEdge out = new SoapEdge();
        out.network = spec.network();
        out.uplinkAddress = spec.uplinkAddress();
        out.uplinkGateway = spec.uplinkGateway();
        out.nat = spec.nat();
        spec.forwards().forEach(f -> out.forwards.add(SoapForward.of(f)));
        out.owner = edge.owner();
        out.epoch = edge.epoch();
        return out;
    }
}
