package io.cairn.shell.internal;

import io.cairn.api.node.NodeInfo;
import io.cairn.api.node.NodeService;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import java.util.List;

/** Completes the names of the cluster's nodes. */
@Service
public class NodeNameCompleter implements Completer {
    @Reference
    private NodeService nodes;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter(nodes.nodes().stream().map(NodeInfo::name).toList());
        return names.complete(session, commandLine, candidates);
    }
}
