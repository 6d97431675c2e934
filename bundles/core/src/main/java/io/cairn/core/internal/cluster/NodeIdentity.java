package io.cairn.core.internal.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** The node's stable id, generated once and kept in its data directory. */
final class NodeIdentity {
    private NodeIdentity() {
    }

    static String loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve("node.id");
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).trim();
                UUID.fromString(id);
                return id;
            }
            Files.createDirectories(dataDir);
            String id = UUID.randomUUID().toString();
            Path tmp = dataDir.resolve("node.id.tmp");
            Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the node id in " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " does not hold a UUID; fix or remove it", e);
        }
    }
}
