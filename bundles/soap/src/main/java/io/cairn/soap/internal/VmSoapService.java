package io.cairn.soap.internal;

import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.jws.WebResult;
import javax.jws.WebService;
import java.util.List;

/**
 * The SOAP face of the VM services (code-first; the WSDL is served at {@code /cairn/soap/vms?wsdl}).
 * Every operation maps onto one api call; api failures come back as {@link CairnFault} with the
 * service's message and a code (not_found, conflict, invalid, unavailable).
 */
@WebService(name = "VmPort", targetNamespace = VmSoapService.NS)
public interface VmSoapService {
    String NS = "http://cairn.io/soap/vms/1";

    @WebMethod(operationName = "listVms")
    @WebResult(name = "vm")
    List<SoapVm> list() throws CairnFault;

    @WebMethod(operationName = "getVm")
    @WebResult(name = "vm")
    SoapVm get(@WebParam(name = "name") String name) throws CairnFault;

    @WebMethod(operationName = "createVm")
    @WebResult(name = "vm")
    SoapVm create(@WebParam(name = "spec") SoapVmSpec spec) throws CairnFault;

    @WebMethod(operationName = "startVm")
    @WebResult(name = "task")
    SoapTask start(@WebParam(name = "name") String name) throws CairnFault;

    @WebMethod(operationName = "stopVm")
    @WebResult(name = "task")
    SoapTask stop(@WebParam(name = "name") String name) throws CairnFault;

    @WebMethod(operationName = "rebootVm")
    @WebResult(name = "task")
    SoapTask reboot(@WebParam(name = "name") String name) throws CairnFault;

    @WebMethod(operationName = "destroyVm")
    @WebResult(name = "task")
    SoapTask destroy(@WebParam(name = "name") String name) throws CairnFault;

    @WebMethod(operationName = "deleteVm")
    @WebResult(name = "task")
    SoapTask delete(@WebParam(name = "name") String name, @WebParam(name = "keepDisks") Boolean keepDisks)
            throws CairnFault;

    @WebMethod(operationName = "snapshotVm")
    @WebResult(name = "task")
    SoapTask snapshot(@WebParam(name = "name") String name, @WebParam(name = "snapshot") String snapshot)
            throws CairnFault;

    @WebMethod(operationName = "listVmSnapshots")
    @WebResult(name = "snapshot")
    List<SoapVmSnapshot> snapshots(@WebParam(name = "name") String name) throws CairnFault;

    @WebMethod(operationName = "getVmSnapshot")
    @WebResult(name = "snapshot")
    SoapVmSnapshot snapshotOf(@WebParam(name = "name") String name, @WebParam(name = "snapshot") String snapshot)
            throws CairnFault;

    @WebMethod(operationName = "deleteVmSnapshot")
    @WebResult(name = "task")
    SoapTask deleteSnapshot(@WebParam(name = "name") String name, @WebParam(name = "snapshot") String snapshot)
            throws CairnFault;

    @WebMethod(operationName = "rollbackVm")
    @WebResult(name = "task")
    SoapTask rollback(@WebParam(name = "name") String name, @WebParam(name = "snapshot") String snapshot)
            throws CairnFault;

    @WebMethod(operationName = "cloneVm")
    @WebResult(name = "task")
    SoapTask cloneVm(@WebParam(name = "name") String name, @WebParam(name = "newName") String newName,
                     @WebParam(name = "snapshot") String snapshot) throws CairnFault;

    @WebMethod(operationName = "listTasks")
    @WebResult(name = "task")
    List<SoapTask> tasks() throws CairnFault;

    @WebMethod(operationName = "getTask")
    @WebResult(name = "task")
    SoapTask task(@WebParam(name = "id") String id) throws CairnFault;
}
