package io.cairn.shell.internal;

import io.cairn.api.compute.VmAdminService;
import io.cairn.api.task.Task;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "vm", name = "delete", description = "Powers a VM off if needed and removes it")
public class VmDeleteCommand extends VmTaskCommand {
    @Option(name = "--keep-disks", description = "Keep the volumes of its disks (and their snapshots) on their pool")
    boolean keepDisks;

    @Override
    Task apply(VmAdminService service, String vm) {
        return service.delete(vm, keepDisks);
    }
}
