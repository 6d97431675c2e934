package io.cairn.soap.internal;

import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.jws.WebResult;
import javax.jws.WebService;
import java.util.List;

/**
 * SOAP operations on cluster pools, at {@code /cairn/soap/storage} (WSDL at {@code /cairn/soap/storage?wsdl}):
 * the operations of REST's {@code /pools}, one api call each. Scrub, move and delete answer the task the
 * pool's owner carries out. Failures are {@link CairnFault}s with the code and message REST answers
 * (not_found, conflict, invalid, unavailable).
 */
@WebService(name = "StoragePort", targetNamespace = VmSoapService.NS)
public interface StorageSoapService {
    @WebMethod(operationName = "listPools")
    @WebResult(name = "pool")
    List<SoapPool> list() throws CairnFault;

    @WebMethod(operationName = "getPool")
    @WebResult(name = "pool")
    SoapPool get(@WebParam(name = "name") String name) throws CairnFault;

    /** Records the pool (one disk of every node, raidz of its redundancy); its owner builds it afterwards. */
    @WebMethod(operationName = "createPool")
    @WebResult(name = "pool")
    SoapPool create(@WebParam(name = "spec") SoapPool spec) throws CairnFault;

    @WebMethod(operationName = "scrubPool")
    @WebResult(name = "task")
    SoapTask scrub(@WebParam(name = "name") String name) throws CairnFault;

    /** Moves the pool, and the VMs whose disks are on it, to another member node. */
    @WebMethod(operationName = "movePool")
    @WebResult(name = "task")
    SoapTask move(@WebParam(name = "name") String name, @WebParam(name = "node") String node) throws CairnFault;

    @WebMethod(operationName = "deletePool")
    @WebResult(name = "task")
    SoapTask delete(@WebParam(name = "name") String name) throws CairnFault;
}
