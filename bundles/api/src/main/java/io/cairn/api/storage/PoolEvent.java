package io.cairn.api.storage;

import java.util.Objects;

/**
 * Something happened to a pool.
 *
 * @param kind   what
 * @param pool   which pool
 * @param detail for a person: the node, the health, the error
 */
public record PoolEvent(Kind kind, String pool, String detail) {
    public enum Kind {
        /** Its record was written (created) or deleted. */
        SPEC_CHANGED, REMOVED,
        /** Its owner changed (created, moved by failover or by an admin). */
        OWNER_CHANGED,
        /** A member node's export now serves only the new owner. */
        EXPORT_SWITCHED,
        /** The owner imported (or created) it. */
        IMPORTED,
        /** Its health changed (ONLINE, DEGRADED, …). */
        HEALTH_CHANGED,
        /** The owner could not bring it up. */
        FAILED
    }

    public PoolEvent {
        Objects.requireNonNull(kind, "kind must not be null");
        PoolName.require(pool);
        detail = detail == null ? "" : detail;
    }
}
