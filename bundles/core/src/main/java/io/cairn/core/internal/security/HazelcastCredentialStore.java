package io.cairn.core.internal.security;

import com.hazelcast.map.IMap;
import io.cairn.core.internal.json.Json;

import java.util.Optional;

/**
 * Credentials in a Hazelcast map. Only salted PBKDF2 hashes of high-entropy generated passwords
 * are kept here, never a password.
 */
final class HazelcastCredentialStore implements CredentialStore {
    private final IMap<String, String> map;

    HazelcastCredentialStore(IMap<String, String> map) {
        this.map = map;
    }

    @Override
    public Optional<PasswordHash> get(String user) {
        String json = map.get(user);
        return json == null ? Optional.empty() : Optional.of(Json.read(json, PasswordHash.class));
    }

    @Override
    public boolean createIfAbsent(String user, PasswordHash hash) {
        return map.putIfAbsent(user, Json.write(hash)) == null;
    }
}
