package io.cairn.soap.internal;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlElement;
import javax.xml.bind.annotation.XmlType;

/** Detail of a {@link CairnFault}: the same code and message the REST API answers. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "CairnFaultInfo", propOrder = {"code", "message"})
public class CairnFaultInfo {
    @XmlElement(required = true)
    private String code;
    @XmlElement(required = true)
    private String message;

    public CairnFaultInfo() {
    }

    public CairnFaultInfo(String code, String message) {
        this.code = code;
        this.message = message;
    }

    public String getCode() {
        return code;
    }

    public String getMessage() {
        return message;
    }
}
