package io.cairn.shell.internal;

import io.cairn.api.compute.VmDetails;
import io.cairn.api.compute.VmService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import java.io.PrintStream;

@Service
@Command(scope = "vm", name = "list", description = "Lists the cluster's VMs with their state, size and node")
public class VmListCommand implements Action {
    // optional: a missing service must not keep the bundle's other commands (node:*) away
    @Reference(optional = true)
    VmService vms;

    PrintStream out = System.out;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Tenant");
        table.column("State");
        table.column("Power");
        table.column("vCPUs").alignRight();
        table.column("Memory MiB").alignRight();
        table.column("Node");
        table.column("HA");
        for (VmDetails vm : Format.require(vms, "VM service").vms()) {
            table.addRow().addContent(vm.vm().name(), vm.vm().spec().tenant(), Format.lower(vm.status().state()),
                    Format.lower(vm.vm().power()), vm.vm().spec().vcpus(), vm.vm().spec().memoryMiB(),
                    vm.owner() != null ? vm.owner().node() : Format.orDash(vm.status().node()),
                    vm.vm().spec().ha() ? "yes" : "no");
        }
        table.print(out);
        return null;
    }
}
