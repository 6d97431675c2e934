package io.cairn.core.internal.storage;

/**
 * The storage keyspace: {@code storage/pool/NAME}, {@code storage/owner/NAME}, {@code storage/built/NAME},
 * {@code storage/disks/NODE}, {@code storage/request/NAME} (an operator's request to the pool's owner).
 */
final class PoolKeys {
    static final String PREFIX = "storage/";
    static final String POOL = PREFIX + "pool/";
    static final String OWNER = PREFIX + "owner/";
    static final String BUILT = PREFIX + "built/";
    static final String DISKS = PREFIX + "disks/";
    static final String REQUEST = PREFIX + "request/";

    private PoolKeys() {
    }

    static String pool(String name) {
        return POOL + name;
    }

    static String owner(String name) {
        return OWNER + name;
    }

    static String built(String name) {
        return BUILT + name;
    }

    static String disks(String node) {
        return DISKS + node;
    }

    static String request(String name) {
        return REQUEST + name;
    }

    static String nameOf(String key) {
        return key.substring(key.indexOf('/', PREFIX.length()) + 1);
    }
}
