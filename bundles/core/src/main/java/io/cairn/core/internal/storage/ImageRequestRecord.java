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
 * @param kind       {@link #IMPORT}, {@link #COPY} (to {@code pool} from {@code source}) or {@link #DELETE}
 *                   (of the copy on {@code pool})
 * @param image      the image's name
 * @param pool       the pool it is (to be) on: the pool whose owner carries the request out
 * @param file       for an import: the file to import, a path on {@code node}; else null
 * @param node       the node that recorded the request (for an import, the node that holds the file)
 * @param removeFile for an import: the file was spooled from an upload, and is deleted once carried out
 * @param takenBy    the node carrying it out, or null while queued
 * @param source     for a copy: the pool holding the image that is streamed from its owner; else null
 */
record ImageRequestRecord(String id, String kind, String image, String pool, String file, String node,
                          boolean removeFile, String takenBy, String source) {
    static final String IMPORT = "import";
    static final String COPY = "copy";
    static final String DELETE = "delete";

    ImageRequestRecord {
        Objects.requireNonNull(id, "id must not be null");
        if (!Set.of(IMPORT, COPY, DELETE).contains(kind)) {
            throw new IllegalArgumentException("image request kind must be import, copy or delete, was " + kind);
        }
        if (COPY.equals(kind)) {
            PoolName.require(source);
            if (source.equals(pool)) {
                throw new IllegalArgumentException("a copy of image " + image + " goes to another pool than " + source);
            }
        }
        ImageName.require(image);
        PoolName.require(pool);
        Objects.requireNonNull(node, "node must not be null");
        if (IMPORT.equals(kind) && file == null) {
            throw new IllegalArgumentException("an import request names its file");
        }
    }

    static ImageRequestRecord importing(String id, String image, String pool, String file, String node, boolean removeFile) {
        return new ImageRequestRecord(id, IMPORT, image, pool, file, node, removeFile, null, null);
    }

    /** A copy of {@code image} to {@code pool}, streamed from the owner of {@code source}. */
    static ImageRequestRecord copying(String id, String image, String pool, String source, String node) {
        return new ImageRequestRecord(id, COPY, image, pool, null, node, false, null, source);
    }

    /** The deletion of the copy of {@code image} on {@code pool}. */
    static ImageRequestRecord deleting(String id, String image, String pool, String node) {
        return new ImageRequestRecord(id, DELETE, image, pool, null, node, false, null, null);
    }

    ImageRequestRecord takenBy(String by) {
        return new ImageRequestRecord(id, kind, image, pool, file, node, removeFile, by, source);
    }

    boolean imports() {
        return IMPORT.equals(kind);
    }

    boolean copies() {
        return COPY.equals(kind);
    }
}
