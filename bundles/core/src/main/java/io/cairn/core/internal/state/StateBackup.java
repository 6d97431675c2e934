package io.cairn.core.internal.state;

import io.cairn.api.state.ConsistentStore;
import io.cairn.api.state.StateBackupService;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.Versioned;
import io.cairn.core.internal.json.Json;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Backup files of the authoritative state: JSON with a format number, the time, the log index
 * and every key. Leases are left out: they describe running nodes, not the cluster's intent.
 */
@Component(service = StateBackupService.class)
public class StateBackup implements StateBackupService {
    static final int FORMAT = 1;
    private static final String LEASES = io.cairn.core.internal.fencing.LeaseStore.PREFIX;
    private static final Logger LOG = LoggerFactory.getLogger(StateBackup.class);

    @Reference
    private ConsistentStore store;

    /** The file's content. */
    record BackupFile(int format, Instant taken, long index, List<Entry> entries) {
    }

    record Entry(String key, String value, long version) {
    }

    @Override
    public BackupSummary backup(Path file, boolean local) {
        Path target = file.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            throw new IllegalArgumentException(target + " exists already; choose a new file");
        }
        List<Entry> entries = new ArrayList<>();
        long index = 0;
        for (Versioned v : local ? store.listLocal("") : store.list("")) {
            if (!v.key().startsWith(LEASES)) {
                entries.add(new Entry(v.key(), v.value(), v.version()));
                index = Math.max(index, v.version());
            }
        }
        index = Math.max(index, store.health().appliedIndex());
        try {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, Json.write(new BackupFile(FORMAT, Instant.now(), index, entries)),
                    StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException(target + " exists already; choose a new file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the backup " + target + ": " + e.getMessage(), e);
        }
        LOG.info("{} backup of {} keys at index {} written to {}", local ? "Local (possibly stale)" : "Linearizable",
                entries.size(), index, target);
        return new BackupSummary(target, entries.size(), 0, index);
    }

    @Override
    public BackupSummary restore(Path file) {
        Path source = file.toAbsolutePath().normalize();
        BackupFile backup;
        try {
            backup = Json.read(Files.readString(source, StandardCharsets.UTF_8), BackupFile.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the backup " + source + ": " + e.getMessage());
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(source + " is not a Cairn state backup: " + e.getMessage());
        }
        if (backup.format() != FORMAT || backup.entries() == null) {
            throw new IllegalArgumentException(source + " has backup format " + backup.format()
                    + "; this node reads format " + FORMAT);
        }
        Map<String, String> wanted = new HashMap<>();
        backup.entries().forEach(e -> wanted.put(e.key(), e.value()));
        List<StoreOp> ops = new ArrayList<>();
        int removed = 0;
        for (Versioned current : store.list("")) {
            if (current.key().startsWith(LEASES)) {
                continue;
            }
            if (!wanted.containsKey(current.key())) {
                ops.add(StoreOp.delete(current.key(), current.version()));
                removed++;
            }
        }
        wanted.forEach((key, value) -> ops.add(StoreOp.put(key, value, StoreOp.ANY)));
        long index = store.commit(ops);
        LOG.warn("State restored from {} (taken {} at index {}): {} keys written, {} removed, commit {}", source,
                backup.taken(), backup.index(), wanted.size(), removed, index);
        return new BackupSummary(source, wanted.size(), removed, index);
    }
}
