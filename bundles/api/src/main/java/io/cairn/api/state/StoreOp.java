package io.cairn.api.state;

import java.util.Objects;

/**
 * One conditional change in an atomic batch.
 *
 * @param key             the key
 * @param value           new value, or null to delete (ignored by a check)
 * @param expectedVersion {@link #ANY}, {@link #ABSENT} (the key must not exist) or the exact current version
 * @param checkOnly       true: only a condition of the batch; the key is left as it is (since 1.2)
 */
public record StoreOp(String key, String value, long expectedVersion, boolean checkOnly) {
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
        if (checkOnly && (value != null || expectedVersion == ANY)) {
            throw new IllegalArgumentException("a check carries no value and expects ABSENT or a version");
        }
    }

    /** A put ({@code value} non-null) or a delete ({@code value} null). */
    public StoreOp(String key, String value, long expectedVersion) {
        this(key, value, expectedVersion, false);
    }

    /**
     * A condition that changes nothing: the batch applies only if {@code key} is at {@code expectedVersion}
     * ({@link #ABSENT}: does not exist). E.g. "this VM is still owned at the epoch I hold", without bumping the epoch.
     */
    public static StoreOp check(String key, long expectedVersion) {
        return new StoreOp(key, null, expectedVersion, true);
    }

    public static StoreOp put(String key, String value, long expectedVersion) {
        return new StoreOp(key, Objects.requireNonNull(value, "value must not be null"), expectedVersion);
    }

    public static StoreOp delete(String key, long expectedVersion) {
        return new StoreOp(key, null, expectedVersion);
    }
}
