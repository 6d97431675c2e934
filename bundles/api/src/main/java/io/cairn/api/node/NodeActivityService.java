package io.cairn.api.node;

/** This node's activity counters. */
public interface NodeActivityService {
    NodeActivity activity();
}
