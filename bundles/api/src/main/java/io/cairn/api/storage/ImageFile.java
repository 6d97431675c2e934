package io.cairn.api.storage;

import java.util.Objects;

/**
 * What a driver found in a file it imported: its format ({@link Image#FORMATS}) and the disk's
 * (virtual) size.
 *
 * @since 1.3
 */
public record ImageFile(String format, long sizeBytes) {
    public ImageFile {
        Objects.requireNonNull(format, "format must not be null");
        if (sizeBytes <= 0) {
            throw new IllegalArgumentException("image size must be positive, was " + sizeBytes);
        }
    }
}
