package io.cairn.state.raft.internal;

import io.cairn.state.raft.RaftStoreConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Refuses to start over a data directory of the earlier jgroups-raft store ({@code <member>.log},
 * {@code <member>.voters}, {@code <member>.rejoining}, {@code <member>.diverged}): its state cannot be read by Ratis,
 * and starting empty beside it would silently present an empty cluster. The way over is a backup on the old
 * version and a restore on the new one.
 */
public final class LegacyStoreCheck {
    private LegacyStoreCheck() {
    }

    /** @throws IllegalStateException naming the files found and the upgrade steps */
    public static void check(RaftStoreConfig config) {
        List<Path> found = find(config.dataDir());
        if (found.isEmpty()) {
            return;
        }
        Path dir = config.dataDir();
        throw new IllegalStateException("found the data of the earlier jgroups-raft state store in " + dir + " "
                + found.stream().map(p -> p.getFileName().toString()).toList()
                + "; this version stores state with Apache Ratis and cannot read it. Upgrade through a backup: on the"
                + " old version run 'cluster:backup FILE' (copy FILE off the node), stop every node, move the old"
                + " store away on each node (e.g. mv " + dir + " " + dir + ".jgroups), start the new version, then"
                + " run 'cluster:restore --yes FILE' on one node. Refusing to start the state store until then.");
    }

    static List<Path> find(Path dir) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".log") || n.endsWith(".voters") || n.endsWith(".rejoining")
                        || n.endsWith(".diverged") || n.contains(".log.damaged-");
            }).sorted().forEach(out::add);
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the data dir " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }
}
