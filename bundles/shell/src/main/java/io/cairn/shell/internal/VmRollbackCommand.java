package io.cairn.shell.internal;

import io.cairn.api.compute.VmSnapshotService;
import io.cairn.api.task.Task;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "vm", name = "rollback", description = "Rolls a stopped VM's disks and spec back to a snapshot (its later snapshots are destroyed)")
public class VmRollbackCommand extends VmSnapshotTaskCommand {
    @Argument(index = 1, name = "snapshot", description = "Snapshot name", required = true)
    String snapshot;

    @Override
    Task apply(VmSnapshotService service) {
        return service.rollback(vm, snapshot);
    }
}
