package io.cairn.api.compute;

import java.util.regex.Pattern;

/**
 * Direct kernel boot from the node's image directory. Files are named relative to that
 * directory; absolute paths and '..' are refused so a request can never point at a host file.
 *
 * @param kernel  kernel image, relative to the image directory
 * @param initrd  initial ramdisk, relative to the image directory; optional
 * @param cmdline kernel command line; optional
 */
public record BootSpec(String kernel, String initrd, String cmdline) {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+-]{0,127}");
    private static final int MAX_CMDLINE = 2048;

    public BootSpec {
        requireImageName(kernel, "boot.kernel");
        if (initrd != null) {
            requireImageName(initrd, "boot.initrd");
        }
        if (cmdline != null) {
            if (cmdline.length() > MAX_CMDLINE) {
                throw new IllegalArgumentException("boot.cmdline must be at most " + MAX_CMDLINE
                        + " characters, was " + cmdline.length());
            }
            if (cmdline.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException("boot.cmdline must not contain control characters");
            }
        }
    }

    /** Checks a path relative to the image directory: plain segments, no '..', not absolute. */
    public static String requireImageName(String name, String field) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(field + " must name a file in the node's image directory");
        }
        if (name.length() > 255) {
            throw new IllegalArgumentException(field + " must be at most 255 characters");
        }
        for (String segment : name.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException(field + " must be a path inside the node's image "
                        + "directory (segments of letters, digits, '.', '_', '+', '-'; no leading '/', "
                        + "no '..'), was '" + name.replace("\0", "\\0") + "'");
            }
        }
        return name;
    }
}
