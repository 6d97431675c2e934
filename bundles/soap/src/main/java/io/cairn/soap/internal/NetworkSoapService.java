package io.cairn.soap.internal;

import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.jws.WebResult;
import javax.jws.WebService;
import java.util.List;

/**
 * SOAP operations on networks and their EDGE routers, at {@code /cairn/soap/networks} (WSDL at
 * {@code /cairn/soap/networks?wsdl}): the operations of REST's {@code /networks} and {@code /edges}, one api
 * call each. An EDGE is named by its network. Failures are {@link CairnFault}s with the code and message REST
 * answers (not_found, conflict, invalid, unavailable).
 */
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

    @WebMethod(operationName = "listEdges")
    @WebResult(name = "edge")
    List<SoapEdge> edges() throws CairnFault;

    @WebMethod(operationName = "getEdge")
    @WebResult(name = "edge")
    SoapEdge edge(@WebParam(name = "network") String network) throws CairnFault;

    /** Gives a routed network (geneve with a subnet) its EDGE router; owner and epoch of the spec are ignored. */
    @WebMethod(operationName = "createEdge")
    @WebResult(name = "edge")
    SoapEdge createEdge(@WebParam(name = "spec") SoapEdge spec) throws CairnFault;

    @WebMethod(operationName = "deleteEdge")
    @WebResult(name = "deleted")
    String deleteEdge(@WebParam(name = "network") String network) throws CairnFault;

    /** Adds a port forward to the network's EDGE; answers the EDGE as changed. */
    @WebMethod(operationName = "addForward")
    @WebResult(name = "edge")
    SoapEdge addForward(@WebParam(name = "network") String network, @WebParam(name = "forward") SoapForward forward)
            throws CairnFault;

    /** Removes the forward of {@code protocol}/{@code port} from the network's EDGE; answers the EDGE as changed. */
    @WebMethod(operationName = "removeForward")
    @WebResult(name = "edge")
    SoapEdge removeForward(@WebParam(name = "network") String network, @WebParam(name = "protocol") String protocol,
                           @WebParam(name = "port") Integer port) throws CairnFault;
}
