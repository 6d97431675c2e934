package io.cairn.shell.internal;

import io.cairn.api.compute.VmSnapshotService;
import io.cairn.api.task.Task;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "vm", name = "snapshot-delete", description = "Destroys a snapshot of a VM (refused while clones depend on it)")
public class VmSnapshotDeleteCommand extends VmSnapshotTaskCommand {
    @Argument(index = 1, name = "snapshot", description = "Snapshot name", required = true)
    String snapshot;

    @Override
    Task apply(VmSnapshotService service) {
        return service.deleteSnapshot(vm, snapshot);
    }
}
