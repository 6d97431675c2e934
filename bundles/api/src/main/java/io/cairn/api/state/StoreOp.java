package io.cairn.api.state;

import java.util.Objects;

/**
 * One conditional change in an atomic batch.
 *
 * @param key             the key
 * @param value           new value, or null to delete
 * @param expectedVersion {@link #ANY}, {@link #ABSENT} (the key must not exist) or the exact current version
 */
public record StoreOp(String key, String value, long expectedVersion) {
    /** Write whatever the current version is. */
    public static final long ANY = -1;
    /** The key must not exist. */
    public static final long ABSENT = 0;

    public StoreOp {
        if (key == null || key.isEmpty() || key.length() > 512) {
            throw new IllegalArgumentException("key must be 1-512 characters");
        }
        if (expectedVersion < ANY) {
            throw new IllegalArgumentException("expectedVersion must be ANY, ABSENT or a version");
        }
    }

    public static StoreOp put(String key, String value, long expectedVersion) {
        return new StoreOp(key, Objects.requireNonNull(value, "value must not be null"), expectedVersion);
    }

    public static StoreOp delete(String key, long expectedVersion) {
        return new StoreOp(key, null, expectedVersion);
    }
}
