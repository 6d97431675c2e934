package io.cairn.soap.internal;

import javax.xml.ws.WebFault;

/** A SOAP fault carrying an api failure: its code and the service's message. */
@WebFault(name = "cairnFault", targetNamespace = VmSoapService.NS)
public class CairnFault extends Exception {
    private static final long serialVersionUID = 1L;
    private final CairnFaultInfo faultInfo;

    public CairnFault(String message, CairnFaultInfo faultInfo) {
        super(message);
        this.faultInfo = faultInfo;
    }

    public CairnFault(String message, CairnFaultInfo faultInfo, Throwable cause) {
        super(message, cause);
        this.faultInfo = faultInfo;
    }

    public CairnFaultInfo getFaultInfo() {
        return faultInfo;
    }
}
