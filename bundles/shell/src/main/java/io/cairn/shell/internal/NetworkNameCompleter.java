package io.cairn.shell.internal;

import io.cairn.api.network.NetworkService;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import java.util.List;

/** Completes the names of the cluster's networks. */
@Service
public class NetworkNameCompleter implements Completer {
    // optional: a missing service must not keep the bundle's other commands away
    @Reference(optional = true)
    private NetworkService networks;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        if (networks == null) {
            return -1;
        }
        return new StringsCompleter(networks.list().stream().map(n -> n.network().name()).toList())
                .complete(session, commandLine, candidates);
    }
}
