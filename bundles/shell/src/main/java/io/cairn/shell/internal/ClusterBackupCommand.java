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
@Command(scope = "cluster", name = "backup", description = "Writes a backup of the cluster's authoritative state "
        + "(VM specs, ownership, credential hashes) to a file on this node")
public class ClusterBackupCommand implements Action {
    @Reference(optional = true)
    private StateBackupService backups;

    @Argument(index = 0, name = "file", description = "Backup file to create on this node", required = true)
    private String file;

    @Option(name = "--local", description = "Back up this node's own replica without asking the majority "
            + "(possibly stale; for recovery when the majority is lost for good)")
    private boolean local;

    @Override
    public Object execute() {
        StateBackupService.BackupSummary summary = Format.require(backups, "state backup").backup(Path.of(file), local);
        System.out.printf("Backed up %d keys at log index %d to %s%s%n", summary.keys(), summary.index(), summary.file(),
                local ? " (this node's replica; may be stale)" : "");
        return null;
    }
}
