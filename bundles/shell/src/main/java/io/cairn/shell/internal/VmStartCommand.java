package io.cairn.shell.internal;

import io.cairn.api.compute.VmAdminService;
import io.cairn.api.task.Task;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "vm", name = "start", description = "Starts a VM")
public class VmStartCommand extends VmTaskCommand {
    @Override
    Task apply(VmAdminService service, String vm) {
        return service.start(vm);
    }
}
