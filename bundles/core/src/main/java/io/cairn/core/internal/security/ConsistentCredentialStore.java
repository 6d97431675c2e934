package io.cairn.core.internal.security;

import io.cairn.api.state.ConsistentStore;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.VersionConflictException;
import io.cairn.core.internal.json.Json;

import java.util.Optional;

/** Credentials in the consistent store: only salted PBKDF2 hashes, never a password. */
final class ConsistentCredentialStore implements CredentialStore {
    private static final String PREFIX = "credential/";
    private final ConsistentStore store;

    ConsistentCredentialStore(ConsistentStore store) {
        this.store = store;
    }

    @Override
    public Optional<PasswordHash> get(String user) {
        return store.get(PREFIX + user).map(v -> Json.read(v.value(), PasswordHash.class));
    }

    @Override
    public boolean createIfAbsent(String user, PasswordHash hash) {
        try {
            store.put(PREFIX + user, Json.write(hash), StoreOp.ABSENT);
            return true;
        } catch (VersionConflictException e) {
            return false;
        }
    }
}
