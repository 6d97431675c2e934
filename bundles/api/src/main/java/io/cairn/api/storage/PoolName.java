package io.cairn.api.storage;

import io.cairn.api.common.DnsLabel;

import java.util.regex.Pattern;

/**
 * Pool names: what ZFS accepts as a pool name and Cairn can put in a URL and an NBD export name —
 * a letter, then letters, digits, '_', '-' or '.', at most 63 characters; not a ZFS vdev keyword.
 */
public final class PoolName {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,62}");
    private static final Pattern RESERVED = Pattern.compile("(mirror|raidz|spare|log|cache).*|c[0-9].*");

    private PoolName() {
    }

    public static String require(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("pool name must start with a letter and hold only letters, digits, "
                    + "'_', '-' and '.' (at most 63 characters; no space or '/'), was "
                    + (name == null ? "missing" : "'" + DnsLabel.printable(name) + "'"));
        }
        if (RESERVED.matcher(name).matches()) {
            throw new IllegalArgumentException("pool name '" + name + "' is refused by ZFS: it must not start with "
                    + "mirror, raidz, spare, log, cache or c followed by a digit");
        }
        return name;
    }
}
