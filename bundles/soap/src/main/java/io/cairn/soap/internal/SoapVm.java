package io.cairn.soap.internal;

import io.cairn.api.compute.VmDetails;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlElement;
import javax.xml.bind.annotation.XmlSchemaType;
import javax.xml.bind.annotation.XmlType;
import javax.xml.bind.annotation.adapters.XmlJavaTypeAdapter;
import java.time.Instant;
import java.util.Locale;

/** The wire form of {@link VmDetails}: identity, spec, wanted power, observed state and owner. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Vm", propOrder = {"id", "spec", "power", "created", "state", "stateNode", "stateSince", "lastError",
        "ownerNode", "ownerEpoch"})
public class SoapVm {
    @XmlElement(required = true)
    public String id;
    @XmlElement(required = true)
    public SoapVmSpec spec;
    /** running or stopped: what the operator asked for. */
    @XmlElement(required = true)
    public String power;
    @XmlElement(required = true)
    @XmlJavaTypeAdapter(InstantAdapter.class)
    @XmlSchemaType(name = "dateTime")
    public Instant created;
    /** stopped, starting, running, stopping, failed or unknown: what the owning node observes. */
    @XmlElement(required = true)
    public String state;
    public String stateNode;
    @XmlJavaTypeAdapter(InstantAdapter.class)
    @XmlSchemaType(name = "dateTime")
    public Instant stateSince;
    public String lastError;
    public String ownerNode;
    public Long ownerEpoch;

    static SoapVm of(VmDetails details) {
        SoapVm out = new SoapVm();
        out.id = details.vm().id().toString();
        out.spec = SoapVmSpec.of(details.vm().spec());
        out.power = details.vm().power().name().toLowerCase(Locale.ROOT);
        out.created = details.vm().created();
        out.state = details.status().state().name().toLowerCase(Locale.ROOT);
        out.stateNode = details.status().node();
        out.stateSince = details.status().since();
        out.lastError = details.status().lastError();
        if (details.owner() != null) {
            out.ownerNode = details.owner().node();
            out.ownerEpoch = details.owner().epoch();
        }
        return out;
    }
}
