package io.cairn.shell.internal;

import io.cairn.api.compute.VmSnapshot;
import io.cairn.api.compute.VmSnapshotService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

@Service
@Command(scope = "vm", name = "snapshots", description = "Lists the snapshots of a VM with the spec each recorded")
public class VmSnapshotsCommand implements Action {
    @Reference(optional = true)
    VmSnapshotService snapshots;

    @Argument(index = 0, name = "vm", description = "VM name", required = true)
    @Completion(VmNameCompleter.class)
    String vm;

    PrintStream out = System.out;

    @Override
    public Object execute() {
        List<VmSnapshot> all = Format.require(snapshots, "VM snapshot service").snapshots(vm);
        if (all.isEmpty()) {
            out.println("VM '" + vm + "' has no snapshots");
            return null;
        }
        out.printf("%-24s %-24s %5s %8s  %s%n", "NAME", "CREATED", "VCPUS", "MEM MiB", "DISKS / NICS");
        for (VmSnapshot s : all) {
            out.printf("%-24s %-24s %5d %8d  %s / %s%n", s.name(), s.created(), s.spec().vcpus(), s.spec().memoryMiB(),
                    s.spec().disks().stream().map(d -> d.name() + ":" + d.sizeMiB() + "MiB").collect(Collectors.joining(",")),
                    s.spec().nics().stream().map(n -> n.network() + "=" + n.mac()).collect(Collectors.joining(",")));
        }
        return null;
    }
}
