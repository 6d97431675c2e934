package io.cairn.shell.internal;

import io.cairn.api.state.StateBackupService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import java.nio.file.Path;

@Service
@Command(scope = "cluster", name = "backup", description = "Writes a backup of the cluster's authoritative state "
        + "(VM specs, ownership, credential hashes) to a file on this node")
public class ClusterBackupCommand implements Action {
    @Reference(optional = true)
    private StateBackupService backups;

    @Argument(index = 0, name = "file", description = "Backup file to create on this node", required = true)
    private String file;

    @Override
    public Object execute() {
        StateBackupService.BackupSummary summary = Format.require(backups, "state backup").backup(Path.of(file));
        System.out.printf("Backed up %d keys at log index %d to %s%n", summary.keys(), summary.index(), summary.file());
        return null;
    }
}
