package io.cairn.api.compute;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** A unicast Ethernet address, written as six lowercase hex pairs separated by ':'. */
public final class MacAddress {
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private MacAddress() {
    }

    /** @return the normalised (lowercase) address, or throws with the reason it is not usable */
    public static String require(String mac) {
        String value = mac == null ? "" : mac.toLowerCase(Locale.ROOT);
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("mac must be six hex pairs separated by ':' "
                    + "(e.g. 02:00:00:12:34:56), was '" + mac + "'");
        }
        int first = Integer.parseInt(value.substring(0, 2), 16);
        if ((first & 0x01) != 0) {
            throw new IllegalArgumentException("mac " + value + " is a multicast address; a NIC needs a "
                    + "unicast address (lowest bit of the first octet 0)");
        }
        if (value.equals("00:00:00:00:00:00")) {
            throw new IllegalArgumentException("mac 00:00:00:00:00:00 is not a usable address");
        }
        return value;
    }

    /** A random unicast, locally administered address. */
    public static String random() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        bytes[0] = (byte) ((bytes[0] & 0xfc) | 0x02);
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }
}
