package io.cairn.shell.internal;

import io.cairn.api.storage.PoolDetails;
import io.cairn.api.storage.StorageService;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import java.util.List;

/** Completes the names of the cluster's pools. */
@Service
public class PoolNameCompleter implements Completer {
    @Reference(optional = true)
    private StorageService storage;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        if (storage == null) {
            return -1;
        }
        StringsCompleter names = new StringsCompleter(storage.pools().stream().map(PoolDetails::pool)
                .map(p -> p.name()).toList());
        return names.complete(session, commandLine, candidates);
    }
}
