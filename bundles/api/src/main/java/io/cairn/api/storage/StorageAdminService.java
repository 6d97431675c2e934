package io.cairn.api.storage;

import io.cairn.api.task.Task;

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

    /**
     * Asks the pool's owner to scrub it: the request is recorded durably and returns a task, which
     * the owner takes (under its lease, at its epoch), runs through its {@link StorageDriver#scrub}
     * and reports until the scrub completes, with the bytes it repaired and the errors it found.
     *
     * @throws io.cairn.api.common.NotFoundException    for a pool that does not exist (404)
     * @throws io.cairn.api.common.ConflictException    when its owner has not imported it yet, or a scrub
     *                                                  of it is already queued or running (409)
     * @throws io.cairn.api.common.UnavailableException when the cluster cannot accept writes
     * @since 1.1
     */
    Task scrub(String name);

    /**
     * Asks the pool's owner to destroy the pool: the request is recorded durably and returns a task,
     * which the owner takes (under its lease, at its epoch); it checks again that no VM has disks on
     * the pool, destroys it with everything on it (images, volumes of deleted VMs), drops its members'
     * attachments and removes the pool's records in one commit. The member nodes then stop serving
     * their disks, which are free for a new pool.
     *
     * @throws io.cairn.api.common.NotFoundException    for a pool that does not exist (404)
     * @throws io.cairn.api.common.ConflictException    while VMs have disks on it (naming them), its owner
     *                                                  has not imported it, or another request of it is
     *                                                  queued or running (409)
     * @throws io.cairn.api.common.UnavailableException when the cluster cannot accept writes
     * @since 1.2
     */
    Task deletePool(String name);

    /**
     * Moves the pool to another of its member nodes, with the VMs whose disks are on it: the request
     * is recorded durably and returns a task, which the current owner takes (under its lease, at its
     * epoch). It hands the VMs to {@code node} (their ownership epochs rise, so this node powers their
     * domains off and cannot start them again), waits until none of them runs here, exports the
     * pool, and then hands the pool over in one commit (its epoch rises: the member exports serve
     * {@code node} only). {@code node} imports it and starts the VMs that were meant to run. The VMs
     * are stopped during the move: there is no live migration.
     *
     * @throws io.cairn.api.common.NotFoundException      for a pool that does not exist (404)
     * @throws io.cairn.api.common.UnsatisfiableException when {@code node} gives the pool no disk, or is not
     *                                                    up (422)
     * @throws io.cairn.api.common.ConflictException      when {@code node} owns it already, its owner has not
     *                                                    imported it, or another request of it is queued or
     *                                                    running (409)
     * @throws io.cairn.api.common.UnavailableException   when the cluster cannot accept writes
     * @since 1.3
     */
    Task movePool(String name, String node);
}
