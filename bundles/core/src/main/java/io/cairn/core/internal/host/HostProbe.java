package io.cairn.core.internal.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads this host's capacity from /proc. */
public final class HostProbe {
    private final Path meminfo;

    public HostProbe() {
        this(Path.of("/proc/meminfo"));
    }

    HostProbe(Path meminfo) {
        this.meminfo = meminfo;
    }

    /** Logical CPUs this host lets us use (as nproc counts them). */
    public int cpus() {
        return Runtime.getRuntime().availableProcessors();
    }

    public long totalMemoryMiB() {
        return field("MemTotal") / 1024;
    }

    public long availableMemoryMiB() {
        return field("MemAvailable") / 1024;
    }

    /** A /proc/meminfo field in KiB. */
    long field(String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(meminfo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + meminfo, e);
        }
        return parseField(lines, name);
    }

    static long parseField(List<String> lines, String name) {
        for (String line : lines) {
            if (line.startsWith(name + ":")) {
                String[] parts = line.substring(name.length() + 1).trim().split("\\s+");
                return Long.parseLong(parts[0]);
            }
        }
        throw new IllegalStateException("/proc/meminfo has no " + name + " line");
    }
}
