package io.cairn.shell.internal;

import io.cairn.api.state.StateBackupService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.nio.file.Path;

@Service
@Command(scope = "cluster", name = "restore", description = "Replaces the cluster's authoritative state with a "
        + "backup file on this node (needs a majority)")
public class ClusterRestoreCommand implements Action {
    @Reference(optional = true)
    private StateBackupService backups;

    @Argument(index = 0, name = "file", description = "Backup file on this node", required = true)
    private String file;

    @Option(name = "--yes", description = "Confirm: VMs and ownership not in the backup are removed")
    private boolean confirmed;

    @Override
    public Object execute() {
        if (!confirmed) {
            throw new IllegalArgumentException("restore replaces the whole cluster state; repeat with --yes to confirm");
        }
        StateBackupService.BackupSummary summary = Format.require(backups, "state backup").restore(Path.of(file));
        System.out.printf("Restored %d keys from %s, removed %d, at log index %d%n", summary.keys(), summary.file(),
                summary.removed(), summary.index());
        return null;
    }
}
