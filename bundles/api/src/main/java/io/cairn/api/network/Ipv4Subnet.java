package io.cairn.api.network;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IPv4 subnet in CIDR notation ({@code 10.50.0.0/24}), prefix 8 to 29. The first host address
 * is the network's gateway (its EDGE router and DHCP server); the others are for NICs.
 *
 * @param network the network address, host bits zero
 * @param prefix  the prefix length
 */
public record Ipv4Subnet(int network, int prefix) {
    private static final Pattern CIDR = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
    public static final int MIN_PREFIX = 8;
    public static final int MAX_PREFIX = 29;

    public Ipv4Subnet {
        if (prefix < MIN_PREFIX || prefix > MAX_PREFIX) {
            throw new IllegalArgumentException("subnet prefix must be between /" + MIN_PREFIX + " and /"
                    + MAX_PREFIX + ", was /" + prefix);
        }
        if ((network & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException("subnet " + format(network) + "/" + prefix
                    + " has host bits set; did you mean " + format(network & mask(prefix)) + "/" + prefix + "?");
        }
    }

    /** Parses {@code a.b.c.d/p}, or throws saying what is wrong. */
    public static Ipv4Subnet parse(String cidr) {
        Matcher m = CIDR.matcher(cidr == null ? "" : cidr.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("subnet must be IPv4 CIDR like 10.50.0.0/24, was '"
                    + io.cairn.api.common.DnsLabel.printable(cidr) + "'");
        }
        return new Ipv4Subnet(address(cidr.trim().substring(0, cidr.trim().indexOf('/')), "subnet"),
                Integer.parseInt(m.group(5)));
    }

    /** Parses a dotted IPv4 address, or throws naming {@code what}. */
    public static int address(String dotted, String what) {
        String[] parts = dotted == null ? new String[0] : dotted.trim().split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException(what + " must be a dotted IPv4 address like 10.50.0.7, was '"
                    + io.cairn.api.common.DnsLabel.printable(dotted) + "'");
        }
        int value = 0;
        for (String part : parts) {
            int octet;
            try {
                octet = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                octet = -1;
            }
            if (octet < 0 || octet > 255 || part.isEmpty() || part.length() > 3) {
                throw new IllegalArgumentException(what + " must be a dotted IPv4 address like 10.50.0.7, was '"
                        + io.cairn.api.common.DnsLabel.printable(dotted) + "'");
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    public static String format(int address) {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff);
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    /** Whether {@code address} is a host address of this subnet (not the network or broadcast address). */
    public boolean containsHost(int address) {
        return (address & mask(prefix)) == network && address != network && address != broadcast();
    }

    public int broadcast() {
        return network | ~mask(prefix);
    }

    /** The gateway: the first host address. */
    public int gateway() {
        return network + 1;
    }

    public String gatewayAddress() {
        return format(gateway());
    }

    public String netmask() {
        return format(mask(prefix));
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefix;
    }
}
