package io.cairn.storage.zfs.internal;

import java.math.BigDecimal;
import java.util.Locale;

/** ZFS's human sizes ("4.14M", "752M", "0") as bytes; ZFS's units are powers of 1024. */
final class Sizes {
    private static final String UNITS = "BKMGTPE";

    private Sizes() {
    }

    static long parse(String text) {
        String s = text.trim().toUpperCase(Locale.ROOT);
        if (s.isEmpty() || s.equals("-")) {
            return 0;
        }
        char last = s.charAt(s.length() - 1);
        int power = 0;
        if (Character.isLetter(last)) {
            power = UNITS.indexOf(last);
            if (power < 0) {
                throw new IllegalArgumentException("not a ZFS size: '" + text + "'");
            }
            s = s.substring(0, s.length() - 1);
        }
        try {
            return new BigDecimal(s).multiply(BigDecimal.valueOf(1024).pow(power)).longValue();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a ZFS size: '" + text + "'", e);
        }
    }
}
