package io.cairn.api.common;

import java.util.regex.Pattern;

/** Names of nodes, VMs, tenants and networks are DNS labels: safe in host names, URLs and paths. */
public final class DnsLabel {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private DnsLabel() {
    }

    /** @return the value if it is a DNS label, else throws naming {@code what} and the rule */
    public static String require(String value, String what) {
        if (value == null || !LABEL.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be a DNS label (1-63 characters: lowercase "
                    + "letters, digits and '-', not starting or ending with '-'), was " + describe(value));
        }
        return value;
    }

    public static boolean isValid(String value) {
        return value != null && LABEL.matcher(value).matches();
    }

    private static String describe(String value) {
        return value == null ? "missing" : "'" + printable(value) + "'";
    }

    /**
     * A value as it may be quoted in a message or a log: control characters escaped as {@code \\uXXXX}, cut
     * after 80 code points (then "..."); null gives "".
     */
    public static String printable(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(80).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return value.codePointCount(0, value.length()) > 80 ? out.append("...").toString() : out.toString();
    }
}
