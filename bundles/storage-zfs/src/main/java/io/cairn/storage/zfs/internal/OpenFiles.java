package io.cairn.storage.zfs.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The processes that hold files open under a directory, read from {@code /proc/PID/fd}: what an
 * error about a busy pool names, so that "pool is busy" says who keeps it busy.
 */
final class OpenFiles {
    private static final int MAX_LISTED = 8;

    private OpenFiles() {
    }

    /** "pid 123 (qemu-system-x86): /path", at most {@value #MAX_LISTED}; empty when none or /proc cannot tell. */
    static List<String> under(Path proc, Path dir) {
        List<String> out = new ArrayList<>();
        String prefix = dir.toString().endsWith("/") ? dir.toString() : dir + "/";
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> p.getFileName().toString()
                .chars().allMatch(Character::isDigit))) {
            for (Path pid : pids) {
                for (String target : targets(pid.resolve("fd"))) {
                    if (target.startsWith(prefix) || target.equals(dir.toString())) {
                        out.add("pid " + pid.getFileName() + " (" + command(pid) + "): " + target);
                        if (out.size() >= MAX_LISTED) {
                            return out;
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // a diagnostic only: without /proc the error says what it can
        }
        return out;
    }

    private static List<String> targets(Path fds) {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> links = Files.newDirectoryStream(fds)) {
            for (Path link : links) {
                try {
                    out.add(Files.readSymbolicLink(link).toString());
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            // the process exited, or is not ours to read
        }
        return out;
    }

    private static String command(Path pid) {
        try {
            return Files.readString(pid.resolve("comm")).strip();
        } catch (IOException e) {
            return "?";
        }
    }
}
