package io.cairn.shell.internal;

import io.cairn.api.compute.VmAdminService;
import io.cairn.api.task.Task;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Service
@Command(scope = "vm", name = "stop", description = "Stops a VM gracefully (ACPI shutdown, forced off after the timeout)")
public class VmStopCommand extends VmTaskCommand {
    @Override
    Task apply(VmAdminService service, String vm) {
        return service.stop(vm);
    }
}
