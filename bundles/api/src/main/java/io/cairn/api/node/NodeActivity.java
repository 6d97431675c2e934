package io.cairn.api.node;

import io.cairn.api.common.DnsLabel;

/**
 * What a node's control loops have done since it started: for checking that an idle node stays
 * idle (no reconcile pass without a change) and for telling a busy one from a stuck one.
 *
 * @param node            the node
 * @param reconcilePasses VM reconcile passes run since start
 */
public record NodeActivity(String node, long reconcilePasses) {
    public NodeActivity {
        DnsLabel.require(node, "node");
        if (reconcilePasses < 0) {
            throw new IllegalArgumentException("reconcilePasses must not be negative, was " + reconcilePasses);
        }
    }
}
