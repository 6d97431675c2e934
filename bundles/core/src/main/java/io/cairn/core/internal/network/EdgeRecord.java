package io.cairn.core.internal.network;

import io.cairn.api.common.DnsLabel;
import io.cairn.api.network.EdgeSpec;

import java.util.Objects;

/**
 * The stored form of an EDGE router: its spec and its owner. The record's store version is the
 * ownership's epoch.
 */
record EdgeRecord(EdgeSpec spec, String owner) {
    EdgeRecord {
        Objects.requireNonNull(spec, "spec must not be null");
        DnsLabel.require(owner, "owner");
    }
}
