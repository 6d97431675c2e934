package io.cairn.core.internal.compute;

import java.util.UUID;

/**
 * Keys of the VM snapshot keyspace, by VM id (a name can be reused after a delete, an id never):
 * {@code vmsnap/snapshot/<vm id>/<name>} (a {@link io.cairn.api.compute.VmSnapshot}),
 * {@code vmsnap/request/<vm id>} (the one pending {@link VmSnapshotRequest} of a VM) and
 * {@code vmsnap/origin/<clone's vm id>} (the {@link CloneOrigin} a clone's disks depend on).
 * Not under {@code vm/}: {@link VmStore} reads every key there as a VM.
 */
final class VmSnapshotKeys {
    static final String PREFIX = "vmsnap/";
    static final String SNAPSHOT = PREFIX + "snapshot/";
    static final String REQUEST = PREFIX + "request/";
    static final String ORIGIN = PREFIX + "origin/";

    private VmSnapshotKeys() {
    }

    static String snapshots(UUID vmId) {
        return SNAPSHOT + vmId + "/";
    }

    static String snapshot(UUID vmId, String name) {
        return snapshots(vmId) + name;
    }

    static String request(UUID vmId) {
        return REQUEST + vmId;
    }

    static String origin(UUID cloneId) {
        return ORIGIN + cloneId;
    }

    /** The VM id a key of this keyspace is about. */
    static UUID vmIdOf(String key) {
        String rest = key.substring(key.indexOf('/', PREFIX.length()) + 1);
        int slash = rest.indexOf('/');
        return UUID.fromString(slash < 0 ? rest : rest.substring(0, slash));
    }
}
