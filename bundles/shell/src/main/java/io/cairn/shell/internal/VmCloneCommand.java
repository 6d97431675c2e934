package io.cairn.shell.internal;

import io.cairn.api.compute.VmSnapshotService;
import io.cairn.api.task.Task;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "vm", name = "clone", description = "Makes a new, stopped VM with new MACs whose disks are clones of a "
        + "snapshot of this one (without --snapshot, one named clone-NEW is taken first and kept)")
public class VmCloneCommand extends VmSnapshotTaskCommand {
    @Argument(index = 1, name = "new", description = "Name of the new VM", required = true)
    String newName;

    @Option(name = "--snapshot", description = "The snapshot to clone")
    String snapshot;

    @Override
    Task apply(VmSnapshotService service) {
        return service.clone(vm, newName, snapshot);
    }
}
