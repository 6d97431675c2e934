package io.cairn.api.storage;

/**
 * Changes to pools. Creation records the pool and its owner durably and returns; the owner and
 * the member nodes then build it (watch {@link PoolStatus}).
 *
 * @throws IllegalArgumentException                   for a spec the records refuse (422)
 * @throws io.cairn.api.common.UnsatisfiableException when the cluster cannot build it: redundancy not below
 *                                                    the number of nodes, a node without a free disk (422)
 * @throws io.cairn.api.common.ConflictException      for a duplicate name (409)
 * @throws io.cairn.api.common.UnavailableException   when the cluster cannot accept writes
 */
public interface StorageAdminService {
    PoolDetails createPool(PoolSpec spec);
}
