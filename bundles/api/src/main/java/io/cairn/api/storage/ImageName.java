package io.cairn.api.storage;

import io.cairn.api.common.DnsLabel;

import java.util.regex.Pattern;

/**
 * Image names: what ZFS accepts as one dataset name component and Cairn can put in a URL — a letter
 * or digit, then letters, digits, '_', '-' or '.', at most {@value #MAX} characters (no space, no '/').
 */
public final class ImageName {
    public static final int MAX = 63;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0," + (MAX - 1) + "}");

    private ImageName() {
    }

    public static String require(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("image name must start with a letter or digit and hold only letters, "
                    + "digits, '_', '-' and '.' (at most " + MAX + " characters; no space or '/'), was "
                    + (name == null ? "missing" : "'" + DnsLabel.printable(name) + "'"));
        }
        return name;
    }
}
