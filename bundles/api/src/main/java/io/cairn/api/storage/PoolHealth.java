package io.cairn.api.storage;

/** Health of a pool or of one member, as ZFS reports it. */
public enum PoolHealth {
    ONLINE, DEGRADED, FAULTED, OFFLINE, UNAVAIL, REMOVED,
    /** The pool is not imported anywhere (being created, moving, or its owner is down). */
    UNKNOWN
}
