package io.cairn.shell.internal;

import io.cairn.api.compute.NicSpec;
import io.cairn.api.compute.VmDetails;
import io.cairn.api.compute.VmService;
import io.cairn.api.compute.VmSpec;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.io.PrintStream;

@Service
@Command(scope = "vm", name = "show", description = "Shows one VM: spec, state and owner")
public class VmShowCommand implements Action {
    // optional: a missing service must not keep the bundle's other commands (node:*) away
    @Reference(optional = true)
    VmService vms;

    @Argument(index = 0, name = "name", description = "VM name", required = true)
    @Completion(VmNameCompleter.class)
    String name;

    PrintStream out = System.out;

    @Override
    public Object execute() {
        VmDetails vm = Format.require(vms, "VM service").vm(name).orElseThrow(() -> new IllegalArgumentException("no VM named '" + name + "'"));
        VmSpec spec = vm.vm().spec();
        out.printf("Name         %s%n", spec.name());
        out.printf("Id           %s%n", vm.vm().id());
        out.printf("Tenant       %s%n", spec.tenant());
        out.printf("State        %s (since %s, reported by %s)%n", Format.lower(vm.status().state()),
                vm.status().since(), Format.orDash(vm.status().node()));
        out.printf("Power        %s%n", Format.lower(vm.vm().power()));
        out.printf("Owner        %s%n", vm.owner() == null ? "-" : vm.owner().node() + " (epoch " + vm.owner().epoch() + ")");
        out.printf("vCPUs        %d%n", spec.vcpus());
        out.printf("Memory MiB   %d%n", spec.memoryMiB());
        for (NicSpec nic : spec.nics()) {
            out.printf("NIC          %s %s%n", nic.network(), nic.mac());
        }
        if (spec.bootsFromDisk()) {
            out.printf("Boot         disk %s (image %s)%n", spec.disks().get(0).name(), spec.disks().get(0).image());
        } else {
            out.printf("Kernel       %s%n", spec.boot().kernel());
            out.printf("Initrd       %s%n", Format.orDash(spec.boot().initrd()));
            out.printf("Cmdline      %s%n", Format.orDash(spec.boot().cmdline()));
        }
        out.printf("Cloud-init   %s%n", spec.cloudInit() == null ? "-" : spec.cloudInit().length() + " characters");
        out.printf("HA           %s%n", spec.ha() ? "yes" : "no");
        out.printf("Pinned node  %s%n", Format.orDash(spec.node()));
        out.printf("Created      %s%n", vm.vm().created());
        if (vm.status().lastError() != null) {
            out.printf("Last error   %s%n", vm.status().lastError());
        }
        return null;
    }
}
