package io.cairn.core.internal.cluster;

import java.nio.file.Path;

/** Where Cairn keeps this node's files: ${karaf.data}/cairn. */
public final class DataDirs {
    private DataDirs() {
    }

    public static Path cairn() {
        String data = System.getProperty("karaf.data");
        if (data == null) {
            throw new IllegalStateException("karaf.data is not set: Cairn core runs inside Karaf");
        }
        return Path.of(data, "cairn");
    }
}
