package io.cairn.api.storage;

import java.util.List;
import java.util.Optional;

/** Read access to the cluster's pools. */
public interface StorageService {
    /** All pools, sorted by name, each with its owner and last observed status. */
    List<PoolDetails> pools();

    Optional<PoolDetails> pool(String name);

    /** The disks each node offers (from its {@code etc/io.cairn.storage.cfg}), and which are free. */
    List<NodeDisks> disks();

    void addListener(PoolListener listener);

    void removeListener(PoolListener listener);
}
