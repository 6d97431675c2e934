package io.cairn.shell.internal;

import io.cairn.api.compute.VmSnapshotService;
import io.cairn.api.task.Task;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "vm", name = "snapshot", description = "Snapshots all of a VM's disks atomically (running or stopped) and records its spec")
public class VmSnapshotCommand extends VmSnapshotTaskCommand {
    @Argument(index = 1, name = "snapshot", description = "Snapshot name", required = true)
    String snapshot;

    @Override
    Task apply(VmSnapshotService service) {
        return service.take(vm, snapshot);
    }
}
