package io.cairn.shell.internal;

import io.cairn.api.compute.VmAdminService;
import io.cairn.api.task.Task;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "vm", name = "reboot", description = "Reboots a VM")
public class VmRebootCommand extends VmTaskCommand {
    @Override
    Task apply(VmAdminService service, String vm) {
        return service.reboot(vm);
    }
}
