package io.cairn.soap.internal;

import io.cairn.api.network.PortForward;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlElement;
import javax.xml.bind.annotation.XmlType;

/**
 * The wire form of a {@link PortForward}: connections to {@code port} on the EDGE's uplink address go to
 * {@code targetPort} of {@code target} in the network; {@link #toForward()} applies the record's validation.
 */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Forward", propOrder = {"protocol", "port", "target", "targetPort"})
public class SoapForward {
    /** tcp or udp. */
    @XmlElement(required = true)
    public String protocol;
    /** The uplink port, 1 to 65535. */
    @XmlElement(required = true)
    public Integer port;
    /** A host address of the network. */
    @XmlElement(required = true)
    public String target;
    /** The port on the target, 1 to 65535. */
    @XmlElement(required = true)
    public Integer targetPort;

    public SoapForward() {
    }

    public SoapForward(String protocol, Integer port, String target, Integer targetPort) {
        this.protocol = protocol;
        this.port = port;
        this.target = target;
        this.targetPort = targetPort;
    }

    /** @throws IllegalArgumentException with the reason, as the REST API answers 422 */
    PortForward toForward() {
        if (port == null) {
            throw new IllegalArgumentException("port is required (1 to 65535)");
        }
        if (targetPort == null) {
            throw new IllegalArgumentException("targetPort is required (1 to 65535)");
        }
        return new PortForward(protocol, port, target, targetPort);
    }

    static SoapForward of(PortForward forward) {
        return new SoapForward(forward.protocol(), forward.port(), forward.target(), forward.targetPort());
    }
}
