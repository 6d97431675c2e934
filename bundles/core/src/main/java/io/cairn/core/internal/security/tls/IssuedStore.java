package io.cairn.core.internal.security.tls;

import io.cairn.core.internal.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** Which key each member was last issued a certificate for (a local file of the CA node). */
final class IssuedStore {
    /** @param keySha256 fingerprint of the public key; serial in hex */
    record Entry(String keySha256, String serial, Instant issued, Instant notAfter) {
        Entry {
            Objects.requireNonNull(keySha256, "keySha256");
            Objects.requireNonNull(serial, "serial");
        }
    }

    record Entries(Map<String, Entry> nodes) {
        Entries {
            nodes = nodes == null ? Map.of() : Map.copyOf(nodes);
        }
    }

    private final Path file;
    private final Map<String, Entry> nodes = new TreeMap<>();

    IssuedStore(Path file) {
        this.file = file;
        try {
            if (Files.exists(file)) {
                nodes.putAll(Json.read(Files.readString(file, StandardCharsets.UTF_8), Entries.class).nodes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the issued certificates in " + file, e);
        }
    }

    synchronized Optional<Entry> get(String node) {
        return Optional.ofNullable(nodes.get(node));
    }

    synchronized void put(String node, Entry entry) {
        nodes.put(node, entry);
        try {
            DurableFiles.writeSecret(file, Json.write(new Entries(nodes)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the issued certificates to " + file, e);
        }
    }
}
