package io.cairn.api.storage;

import java.io.InputStream;
import java.nio.file.Path;

/**
 * Imports and deletes disk images. An import runs on the pool's owner under its lease: the call is
 * made on that node (the file is local to it), records a request the owner takes, and returns once
 * the image is recorded. The owner's driver converts the file to a raw volume {@code POOL/images/NAME}
 * and snapshots it; VM disks are clones of that snapshot. {@link #copyImage} puts a copy on another pool.
 *
 * @throws IllegalArgumentException                 for a bad name, or a file that is not a raw or qcow2
 *                                                  disk image (422; nothing is left on the pool)
 * @throws io.cairn.api.common.NotFoundException    for an image or pool that does not exist (404)
 * @throws io.cairn.api.common.ConflictException    for a duplicate name, an import on a node that is not the
 *                                                  pool's owner (naming the owner), a pool its owner has not
 *                                                  imported, or an image VM disks are cloned from (409)
 * @throws io.cairn.api.common.UnavailableException when the cluster cannot accept writes
 * @since 1.3
 */
public interface ImageAdminService {
    /** Imports {@code file}, a path on this node (which must own {@code pool}); the file is left as it is. */
    Image importImage(String name, String pool, Path file);

    /**
     * Imports what {@code data} holds: checks name, pool and ownership before it reads anything, then
     * spools the stream to a temporary file on this node, imports it and deletes the file.
     */
    Image importImage(String name, String pool, InputStream data);

    /**
     * Copies an image to another pool and returns it with the copy recorded: the target pool's owner
     * takes the request under its lease, streams {@code zfs send} of the image from the owner of a pool
     * holding it (over the node-to-node transfer channel) into {@code zfs receive}, and records the copy
     * in the same commit that removes the request. A failed copy leaves nothing on the target pool.
     *
     * @throws io.cairn.api.common.NotFoundException for an image or pool that does not exist (404)
     * @throws io.cairn.api.common.ConflictException when the pool already holds it, or a pool's owner has not
     *                                               imported it yet (409; nothing recorded)
     * @throws io.cairn.api.common.UnavailableException when the copy failed (the stream broke off, the backend
     *                                                  refused), with its reason; nothing is left on the pool (503)
     * @since 1.4
     */
    Image copyImage(String name, String pool);

    /** Deletes an image no VM disk is cloned from: each pool's owner destroys its copy. */
    void deleteImage(String name);
}
