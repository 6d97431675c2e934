package io.cairn.api.storage;

/** Receives pool events; must not block. */
@FunctionalInterface
public interface PoolListener {
    void changed(PoolEvent event);
}
