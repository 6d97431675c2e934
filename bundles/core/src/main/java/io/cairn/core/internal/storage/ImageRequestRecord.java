package io.cairn.core.internal.storage;

import io.cairn.api.storage.ImageName;
import io.cairn.api.storage.PoolName;

import java.util.Objects;
import java.util.Set;

/**
 * A request to the owner of an image's pool, kept in the consistent store under
 * {@code storage/image-request/<image>} (one per image name, so an import and a delete of one name
 * never overlap): only a committed request makes the owner act. The owner marks it taken under its
 * lease at its epoch, carries it out and deletes it in the commit that records the outcome.
 *
 * @param id         the request id, also the id of the task that reports it
 * @param kind       {@link #IMPORT} or {@link #DELETE}
 * @param image      the image's name
 * @param pool       the pool it is (to be) on
 * @param file       for an import: the file to import, a path on {@code node}; else null
 * @param node       the node that recorded the request (for an import, the node that holds the file)
 * @param removeFile for an import: the file was spooled from an upload, and is deleted once carried out
 * @param takenBy    the node carrying it out, or null while queued
 */
record ImageRequestRecord(String id, String kind, String image, String pool, String file, String node,
                          boolean removeFile, String takenBy) {
    static final String IMPORT = "import";
    static final String DELETE = "delete";

    ImageRequestRecord {
        Objects.requireNonNull(id, "id must not be null");
        if (!Set.of(IMPORT, DELETE).contains(kind)) {
            throw new IllegalArgumentException("image request kind must be import or delete, was " + kind);
        }
        ImageName.require(image);
        PoolName.require(pool);
        Objects.requireNonNull(node, "node must not be null");
        if (IMPORT.equals(kind) && file == null) {
            throw new IllegalArgumentException("an import request names its file");
        }
    }

    static ImageRequestRecord importing(String id, String image, String pool, String file, String node, boolean removeFile) {
        return new ImageRequestRecord(id, IMPORT, image, pool, file, node, removeFile, null);
    }

    static ImageRequestRecord deleting(String id, String image, String pool, String node) {
        return new ImageRequestRecord(id, DELETE, image, pool, null, node, false, null);
    }

    ImageRequestRecord takenBy(String by) {
        return new ImageRequestRecord(id, kind, image, pool, file, node, removeFile, by);
    }

    boolean imports() {
        return IMPORT.equals(kind);
    }
}
