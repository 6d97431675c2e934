package io.cairn.soap.internal;

import io.cairn.api.task.Task;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlElement;
import javax.xml.bind.annotation.XmlSchemaType;
import javax.xml.bind.annotation.XmlType;
import javax.xml.bind.annotation.adapters.XmlJavaTypeAdapter;
import java.time.Instant;
import java.util.Locale;

/** The wire form of a {@link Task}. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "Task", propOrder = {"id", "kind", "target", "node", "state", "progress", "message", "error", "created",
        "updated"})
public class SoapTask {
    @XmlElement(required = true)
    public String id;
    @XmlElement(required = true)
    public String kind;
    public String target;
    public String node;
    /** queued, running, succeeded or failed. */
    @XmlElement(required = true)
    public String state;
    public int progress;
    public String message;
    public String error;
    @XmlElement(required = true)
    @XmlJavaTypeAdapter(InstantAdapter.class)
    @XmlSchemaType(name = "dateTime")
    public Instant created;
    @XmlElement(required = true)
    @XmlJavaTypeAdapter(InstantAdapter.class)
    @XmlSchemaType(name = "dateTime")
    public Instant updated;

    static SoapTask of(Task task) {
        SoapTask out = new SoapTask();
        out.id = task.id();
        out.kind = task.kind();
        out.target = task.target();
        out.node = task.node();
        out.state = task.state().name().toLowerCase(Locale.ROOT);
        out.progress = task.progress();
        out.message = task.message();
        out.error = task.error();
        out.created = task.created();
        out.updated = task.updated();
        return out;
    }
}
