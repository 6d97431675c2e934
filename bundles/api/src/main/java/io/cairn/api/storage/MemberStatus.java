package io.cairn.api.storage;

import io.cairn.api.common.DnsLabel;
import java.util.Objects;

/**
 * One member as the importing node sees it.
 *
 * @param node           the node that gives the disk (null when ZFS names a device Cairn cannot map)
 * @param device         the device path on the importing node
 * @param state          the member's health
 * @param readErrors     read errors ZFS counted
 * @param writeErrors    write errors
 * @param checksumErrors checksum errors
 * @param note           ZFS's note on the member, e.g. "4.14M resilvered" or "cannot open"; "" when none
 */
public record MemberStatus(String node, String device, PoolHealth state, long readErrors, long writeErrors,
                           long checksumErrors, String note) {
    public MemberStatus {
        if (node != null) {
            DnsLabel.require(node, "member node");
        }
        Objects.requireNonNull(device, "device must not be null");
        Objects.requireNonNull(state, "state must not be null");
        if (readErrors < 0 || writeErrors < 0 || checksumErrors < 0) {
            throw new IllegalArgumentException("error counts must not be negative");
        }
        note = note == null ? "" : note;
    }

    public MemberStatus withNode(String owningNode) {
        return new MemberStatus(owningNode, device, state, readErrors, writeErrors, checksumErrors, note);
    }
}
