package io.cairn.core.internal.security.tls;

import io.cairn.api.common.DnsLabel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured members as the CA sees them: {@code members} of etc/io.cairn.state.cfg, {@code name=host:port,...},
 * in order. The rule for the CA: <b>the first member of that list is the seed</b>: it creates the cluster CA at its
 * first start and signs every other member's certificate. The same list names who may be issued a certificate, and
 * the host of each entry becomes an address SAN of its certificate.
 */
record TlsMembers(Map<String, String> hosts) {
    TlsMembers {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("members of etc/io.cairn.state.cfg lists no member");
        }
        hosts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
    }

    static TlsMembers parse(String members) {
        if (members == null) {
            throw new IllegalArgumentException("members is not set in etc/io.cairn.state.cfg");
        }
        Map<String, String> hosts = new LinkedHashMap<>();
        for (String entry : members.split(",")) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("members of etc/io.cairn.state.cfg: '" + e + "' is not name=host:port");
            }
            String name = e.substring(0, eq).trim();
            DnsLabel.require(name, "a member name in etc/io.cairn.state.cfg");
            String address = e.substring(eq + 1).trim();
            int colon = address.lastIndexOf(':');
            String host = colon < 0 ? address : address.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (host.isEmpty() || hosts.put(name, host) != null) {
                throw new IllegalArgumentException("members of etc/io.cairn.state.cfg: '" + e + "' is empty or a duplicate");
            }
        }
        return new TlsMembers(hosts);
    }

    String seed() {
        return hosts.keySet().iterator().next();
    }

    boolean isMember(String name) {
        return hosts.containsKey(name);
    }

    Optional<String> host(String name) {
        return Optional.ofNullable(hosts.get(name));
    }

    List<String> names() {
        return new ArrayList<>(hosts.keySet());
    }
}
