package io.cairn.api.node;

/** Receives node events; called on a cluster thread, so it must not block. */
@FunctionalInterface
public interface NodeListener {
    void event(NodeEvent event);
}
