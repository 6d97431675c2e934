package io.cairn.api.state;

import java.nio.file.Path;

/**
 * Backup and restore of the authoritative state. A backup is one linearizable read of every key
 * (live leases excepted), written to a file on the node that serves the call. A restore replaces
 * the state with the file's content in one commit, so epochs keep growing past the restored ones.
 */
public interface StateBackupService {
    /**
     * Writes a backup to {@code file} (refuses to overwrite an existing file).
     *
     * @param local false: a linearizable read (needs a majority); true: this node's own replica,
     *              which may be stale — the way out when a majority is lost for good
     */
    BackupSummary backup(Path file, boolean local);

    /** Replaces the authoritative state with the content of {@code file}. */
    BackupSummary restore(Path file);

    /**
     * What a backup or restore covered.
     *
     * @param file    the backup file
     * @param keys    number of keys written to or restored from the file
     * @param removed number of keys a restore removed (0 for a backup)
     * @param index   log index of the read (backup) or of the commit (restore)
     */
    record BackupSummary(Path file, int keys, int removed, long index) {
    }
}
