package io.cairn.soap.internal;

import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.jws.WebResult;
import javax.jws.WebService;
import java.util.List;

/** SOAP operations on networks, at {@code /cairn/soap/networks}. */
@WebService(name = "NetworkPort", targetNamespace = VmSoapService.NS)
public interface NetworkSoapService {
    @WebMethod(operationName = "listNetworks")
    @WebResult(name = "network")
    List<SoapNetwork> list() throws CairnFault;

    @WebMethod(operationName = "getNetwork")
    @WebResult(name = "network")
    SoapNetwork get(@WebParam(name = "name") String name) throws CairnFault;

    @WebMethod(operationName = "createNetwork")
    @WebResult(name = "network")
    SoapNetwork create(@WebParam(name = "spec") SoapNetwork spec) throws CairnFault;

    @WebMethod(operationName = "deleteNetwork")
    @WebResult(name = "deleted")
    String delete(@WebParam(name = "name") String name) throws CairnFault;
}
