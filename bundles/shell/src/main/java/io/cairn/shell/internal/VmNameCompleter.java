package io.cairn.shell.internal;

import io.cairn.api.compute.VmDetails;
import io.cairn.api.compute.VmService;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import java.util.List;

/** Completes the names of the cluster's VMs. */
@Service
public class VmNameCompleter implements Completer {
    // optional: a missing service must not keep the bundle's other commands (node:*) away
    @Reference(optional = true)
    private VmService vms;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        if (vms == null) {
            return -1;
        }
        StringsCompleter names = new StringsCompleter(vms.vms().stream().map(VmDetails::vm).map(v -> v.name()).toList());
        return names.complete(session, commandLine, candidates);
    }
}
