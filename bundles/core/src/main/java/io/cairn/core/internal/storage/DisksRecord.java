package io.cairn.core.internal.storage;

import java.util.List;

/** The disks a node offers, as it published them from its etc/io.cairn.storage.cfg. */
record DisksRecord(String node, List<String> disks) {
    DisksRecord {
        disks = List.copyOf(disks);
    }
}
