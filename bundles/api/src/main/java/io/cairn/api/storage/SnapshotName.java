package io.cairn.api.storage;

import io.cairn.api.common.DnsLabel;

import java.util.regex.Pattern;

/**
 * Snapshot names: what ZFS accepts as the part of a snapshot's name after '@' and Cairn can put in
 * a URL — a letter or digit, then letters, digits, '-', '_', '.' or ':', at most {@value #MAX}
 * characters (no '@', '/' or space). ZFS itself accepts more (zfs-fuse even a space); Cairn never
 * hands it such a name.
 */
public final class SnapshotName {
    public static final int MAX = 100;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0," + (MAX - 1) + "}");

    private SnapshotName() {
    }

    public static String require(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("snapshot name is missing: give a letter or digit, then letters, "
                    + "digits, '-', '_', '.' or ':' (at most " + MAX + " characters)");
        }
        if (name.length() > MAX) {
            throw new IllegalArgumentException("snapshot name must be at most " + MAX + " characters, was "
                    + name.length());
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("snapshot name must start with a letter or digit and hold only "
                    + "letters, digits, '-', '_', '.' and ':' (no '@', '/' or space), was '"
                    + DnsLabel.printable(name) + "'");
        }
        return name;
    }
}
