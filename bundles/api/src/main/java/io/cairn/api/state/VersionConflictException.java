package io.cairn.api.state;

import io.cairn.api.common.ConflictException;

/** A conditional write found another version than it expected; nothing of its batch was applied. */
public class VersionConflictException extends ConflictException {
    private static final long serialVersionUID = 1L;
    private final String key;
    private final long actualVersion;

    public VersionConflictException(String key, long expectedVersion, long actualVersion) {
        super("key " + key + " is at version " + actualVersion + ", expected "
                + (expectedVersion == StoreOp.ABSENT ? "absent" : String.valueOf(expectedVersion)));
        this.key = key;
        this.actualVersion = actualVersion;
    }

    public String key() {
        return key;
    }

    /** The current version, 0 if the key is absent. */
    public long actualVersion() {
        return actualVersion;
    }
}
