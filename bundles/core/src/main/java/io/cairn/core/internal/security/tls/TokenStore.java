package io.cairn.core.internal.security.tls;

import io.cairn.core.internal.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Issued join tokens, as SHA-256 hashes of their secrets only, in a local file of the CA node (mode 0600). */
final class TokenStore {
    /** Expired records are dropped this long after they expire (kept a while so a late retry gets a clear answer). */
    private static final Duration KEEP_EXPIRED = Duration.ofDays(7);

    /**
     * @param secretSha256 hex SHA-256 of the secret
     * @param bootstrap    the token made with the CA: serves every initial member until it expires
     * @param initial      the members it serves when bootstrap
     * @param reissueFor   a member this token may re-issue a certificate to, for a new key; or null
     * @param usedBy       the member a one-time token was used by, or null
     * @param usedKey      fingerprint of the key it was used for, or null
     */
    record Entry(String id, String secretSha256, Instant expires, boolean bootstrap, List<String> initial,
                 String reissueFor, String usedBy, String usedKey) {
        Entry {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(secretSha256, "secretSha256");
            Objects.requireNonNull(expires, "expires");
            initial = initial == null ? List.of() : List.copyOf(initial);
        }

        Entry usedBy(String node, String key) {
            return new Entry(id, secretSha256, expires, bootstrap, initial, reissueFor, node, key);
        }
    }

    record Entries(List<Entry> tokens) {
        Entries {
            tokens = tokens == null ? List.of() : List.copyOf(tokens);
        }
    }

    private final Path file;
    private final List<Entry> entries = new ArrayList<>();

    TokenStore(Path file) {
        this.file = file;
        try {
            if (Files.exists(file)) {
                entries.addAll(Json.read(Files.readString(file, StandardCharsets.UTF_8), Entries.class).tokens());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the join tokens in " + file, e);
        }
    }

    synchronized Optional<Entry> find(String id) {
        return entries.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    synchronized void put(Entry entry, Instant now) {
        entries.removeIf(e -> e.id().equals(entry.id()) || e.expires().plus(KEEP_EXPIRED).isBefore(now));
        entries.add(entry);
        try {
            DurableFiles.writeSecret(file, Json.write(new Entries(entries)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the join tokens to " + file, e);
        }
    }
}
