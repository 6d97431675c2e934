package io.cairn.soap.internal;

import io.cairn.api.common.DnsLabel;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.compute.VmAdminService;
import io.cairn.api.compute.VmService;
import io.cairn.api.compute.VmSnapshotService;
import io.cairn.api.task.TaskService;
import io.cairn.web.RequestNames;
import io.cairn.web.Services;

import javax.jws.WebService;
import java.util.List;
import java.util.function.Supplier;

/** Thin: every operation is one api call; api exceptions become {@link CairnFault}s, mapped as REST maps them. */
@WebService(serviceName = "VmService", portName = "VmPort", targetNamespace = VmSoapService.NS,
        endpointInterface = "io.cairn.soap.internal.VmSoapService")
public class VmSoapEndpoint implements VmSoapService {

    private final Supplier<VmService> vms;
    private final Supplier<VmAdminService> admin;
    private final Supplier<TaskService> tasks;
    private final Supplier<VmSnapshotService> snapshots;

    public VmSoapEndpoint(Supplier<VmService> vms, Supplier<VmAdminService> admin, Supplier<TaskService> tasks) {
        this(vms, admin, tasks, () -> null);
    }

    public VmSoapEndpoint(Supplier<VmService> vms, Supplier<VmAdminService> admin, Supplier<TaskService> tasks,
                          Supplier<VmSnapshotService> snapshots) {
        this.vms = vms;
        this.admin = admin;
        this.tasks = tasks;
        this.snapshots = snapshots;
    }

    private VmSnapshotService snapshotService() {
        return Services.require(snapshots, "the VM snapshot service");
    }

    private VmService vms() {
        return Services.require(vms, "the VM service");
    }

    private VmAdminService admin() {
        return Services.require(admin, "the VM admin service");
    }

    private TaskService taskService() {
        return Services.require(tasks, "the task service");
    }

    @Override
    public List<SoapVm> list() throws CairnFault {
        return call(() -> vms().vms().stream().map(SoapVm::of).toList());
    }

    @Override
    public SoapVm get(String name) throws CairnFault {
        return call(() -> SoapVm.of(vms().vm(requireName(name)).orElseThrow(() -> RequestNames.notFound("VM", name))));
    }

    @Override
    public SoapVm create(SoapVmSpec spec) throws CairnFault {
        return call(() -> {
            if (spec == null) {
                throw new IllegalArgumentException("spec is required");
            }
            return SoapVm.of(admin().create(spec.toSpec()));
        });
    }

    @Override
    public SoapTask start(String name) throws CairnFault {
        return call(() -> SoapTask.of(admin().start(requireName(name))));
    }

    @Override
    public SoapTask stop(String name) throws CairnFault {
        return call(() -> SoapTask.of(admin().stop(requireName(name))));
    }

    @Override
    public SoapTask reboot(String name) throws CairnFault {
        return call(() -> SoapTask.of(admin().reboot(requireName(name))));
    }

    @Override
    public SoapTask destroy(String name) throws CairnFault {
        return call(() -> SoapTask.of(admin().destroy(requireName(name))));
    }

    @Override
    public SoapTask delete(String name, Boolean keepDisks) throws CairnFault {
        return call(() -> SoapTask.of(admin().delete(requireName(name), Boolean.TRUE.equals(keepDisks))));
    }

    @Override
    public SoapTask snapshot(String name, String snapshot) throws CairnFault {
        return call(() -> SoapTask.of(snapshotService().take(requireName(name), snapshot)));
    }

    @Override
    public List<SoapVmSnapshot> snapshots(String name) throws CairnFault {
        return call(() -> snapshotService().snapshots(requireName(name)).stream().map(SoapVmSnapshot::of).toList());
    }

    @Override
    public SoapVmSnapshot snapshotOf(String name, String snapshot) throws CairnFault {
        return call(() -> SoapVmSnapshot.of(snapshotService().find(requireName(name), snapshot).orElseThrow(() ->
                new NotFoundException("VM '" + name + "' has no snapshot named '" + snapshot + "'"))));
    }

    @Override
    public SoapTask deleteSnapshot(String name, String snapshot) throws CairnFault {
        return call(() -> SoapTask.of(snapshotService().deleteSnapshot(requireName(name), snapshot)));
    }

    @Override
    public SoapTask rollback(String name, String snapshot) throws CairnFault {
        return call(() -> SoapTask.of(snapshotService().rollback(requireName(name), snapshot)));
    }

    @Override
    public SoapTask cloneVm(String name, String newName, String snapshot) throws CairnFault {
        return call(() -> SoapTask.of(snapshotService().clone(requireName(name), newName, snapshot)));
    }

    @Override
    public List<SoapTask> tasks() throws CairnFault {
        return call(() -> taskService().tasks().stream().map(SoapTask::of).toList());
    }

    @Override
    public SoapTask task(String id) throws CairnFault {
        return call(() -> SoapTask.of(taskService().task(id == null ? "" : id)
                .orElseThrow(() -> new NotFoundException("no task with id '" + DnsLabel.printable(id) + "'"))));
    }

    /** As in REST: a name that is not a DNS label names no VM. */
    private static String requireName(String name) {
        return RequestNames.require("VM", name);
    }

    private static <T> T call(Supplier<T> operation) throws CairnFault {
        return SoapCalls.call(operation);
    }
}
