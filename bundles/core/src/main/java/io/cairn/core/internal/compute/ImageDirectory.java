package io.cairn.core.internal.compute;

import io.cairn.api.compute.BootSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves boot files named in VM specs inside this node's image directory. Names are already
 * syntactically confined by {@link BootSpec}; this also refuses symbolic links that lead out.
 */
final class ImageDirectory {
    private final Path root;

    ImageDirectory(String dir) {
        if (dir == null || dir.isBlank()) {
            throw new IllegalArgumentException("image.dir is not set in etc/" + NodeConfig.PID + ".cfg");
        }
        this.root = Path.of(dir).toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /** @return the real path of an existing regular file inside the image directory */
    Path resolve(String name, String field) {
        BootSpec.requireImageName(name, field);
        Path file = root.resolve(name).normalize();
        try {
            Path realRoot = root.toRealPath();
            Path real = file.toRealPath();
            if (!real.startsWith(realRoot) || !Files.isRegularFile(real)) {
                throw new IllegalArgumentException(field + " '" + name + "' is not a file inside " + root);
            }
            return real;
        } catch (IOException e) {
            throw new IllegalArgumentException(field + " '" + name + "' does not exist in the image directory "
                    + root + " of this node");
        }
    }
}
