package io.cairn.core.internal.fencing;

import io.cairn.api.common.DnsLabel;

/**
 * A node's lease in the consistent store, rewritten at every renewal (so its version moves).
 *
 * @param node    the node holding it
 * @param session identifies one run of the node's Karaf
 * @param graceMs extra time the others wait before expiring it: set by a planned restart
 */
record LeaseRecord(String node, String session, long graceMs) {
    static final String PREFIX = "lease/";

    LeaseRecord {
        DnsLabel.require(node, "lease node");
        if (graceMs < 0) {
            throw new IllegalArgumentException("graceMs must not be negative");
        }
    }

    static String key(String node) {
        return PREFIX + node;
    }
}
