package io.cairn.core.internal.security;

import java.util.Optional;

/** Where the cluster-wide credentials live; the node keeps its own local copy besides. */
interface CredentialStore {
    Optional<PasswordHash> get(String user);

    /** @return true if this call created the entry, false if one existed already */
    boolean createIfAbsent(String user, PasswordHash hash);
}
