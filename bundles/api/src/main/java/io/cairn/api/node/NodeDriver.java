package io.cairn.api.node;

import io.cairn.api.common.DnsLabel;

/**
 * A driver bundle bound on this node, as the node reports it: which one it uses and whether it can
 * work on this host.
 *
 * @param kind      what it drives, e.g. {@code compute}
 * @param type      its {@code cairn.driver} type, e.g. {@code kvm} or {@code bhyve}
 * @param selected  true for the driver this node is configured to use for its kind
 *                  ({@code hypervisor} in {@code etc/io.cairn.node.cfg} for compute)
 * @param available true when it can work on this host
 * @param reason    why it cannot, when not available; null otherwise
 */
public record NodeDriver(String kind, String type, boolean selected, boolean available, String reason) {
    public NodeDriver {
        DnsLabel.require(kind, "driver kind");
        DnsLabel.require(type, "driver type");
        if (available && reason != null) {
            throw new IllegalArgumentException("an available driver has no reason to report");
        }
        if (!available && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("an unavailable driver must say why");
        }
    }
}
