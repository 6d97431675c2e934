package io.cairn.api.storage;

import java.util.List;
import java.util.Optional;

/**
 * Read access to the cluster's disk images.
 *
 * @since 1.3
 */
public interface ImageService {
    /** All images, sorted by name. */
    List<Image> images();

    Optional<Image> image(String name);
}
