package io.cairn.storage.zfs.internal;

import io.cairn.api.storage.Image;
import io.cairn.api.storage.ImageFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The argv of the {@code qemu-img} calls an image import makes, and the check of what
 * {@code qemu-img info --output=json} found: only raw (with a boot sector) and standalone qcow2 are
 * disk images Cairn imports. qemu-img calls any file "raw", so a raw file must also carry the boot
 * signature 0x55AA at offset 510; a qcow2 with a backing file would make QEMU open another host file.
 */
final class QemuImg {
    static final int SIGNATURE_OFFSET = 510;

    private QemuImg() {
    }

    static List<String> info(Path file) {
        return List.of("qemu-img", "info", "--output=json", file.toString());
    }

    /** Converts to raw; {@code existingTarget}: into a block device that exists (a zvol), not a new file. */
    static List<String> convertToRaw(String format, Path from, Path to, boolean existingTarget) {
        return existingTarget
                ? List.of("qemu-img", "convert", "-n", "-f", format, "-O", "raw", from.toString(), to.toString())
                : List.of("qemu-img", "convert", "-f", format, "-O", "raw", from.toString(), to.toString());
    }

    /** The accepted image {@code infoJson} describes; else IllegalArgumentException naming what was found. */
    static ImageFile check(Path file, String infoJson) {
        Map<String, String> top = topLevelScalars(infoJson);
        String format = top.get("format");
        if (format == null) {
            throw new IllegalArgumentException("qemu-img info found no format in " + file + ": " + infoJson.strip());
        }
        if (!Image.FORMATS.contains(format)) {
            throw new IllegalArgumentException("file " + file.getFileName() + " is a " + format
                    + " image; only raw and qcow2 disk images are imported (convert it with qemu-img first)");
        }
        if (top.containsKey("backing-filename")) {
            throw new IllegalArgumentException("file " + file.getFileName() + " is a qcow2 image with a backing file ("
                    + top.get("backing-filename") + "); import a standalone image (qemu-img convert it first)");
        }
        long size;
        try {
            size = Long.parseLong(top.getOrDefault("virtual-size", "0"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("qemu-img info gave no virtual size for " + file + ": " + infoJson.strip(), e);
        }
        if (size <= 0) {
            throw new IllegalArgumentException("file " + file.getFileName() + " is an empty " + format + " image");
        }
        if (format.equals("raw") && !hasBootSignature(file)) {
            throw new IllegalArgumentException("file " + file.getFileName() + " is not a disk image: qemu-img detected "
                    + "format raw (what it calls any file it does not recognise), and it has no boot signature 0x55AA "
                    + "at offset " + SIGNATURE_OFFSET);
        }
        return new ImageFile(format, size);
    }

    static boolean hasBootSignature(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer two = ByteBuffer.allocate(2);
            while (two.hasRemaining()) {
                if (ch.read(two, SIGNATURE_OFFSET + two.position()) < 0) {
                    return false; // shorter than a boot sector
                }
            }
            return (two.get(0) & 0xff) == 0x55 && (two.get(1) & 0xff) == 0xaa;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the boot sector of " + file, e);
        }
    }

    /**
     * The scalar members of the JSON object's top level (strings unquoted, numbers and booleans as
     * written): nested objects and arrays ({@code children}, {@code format-specific}) are skipped, so a
     * child's {@code format} (e.g. {@code file}) is never taken for the image's.
     */
    static Map<String, String> topLevelScalars(String json) {
        Map<String, String> out = new HashMap<>();
        int depth = 0;
        String key = null;
        boolean expectValue = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"') {
                int end = stringEnd(json, i);
                String text = unescape(json.substring(i + 1, end));
                if (depth == 1) {
                    if (expectValue && key != null) {
                        out.put(key, text);
                        key = null;
                        expectValue = false;
                    } else {
                        key = text;
                    }
                }
                i = end;
            } else if (c == '{' || c == '[') {
                depth++;
                if (depth == 2) {
                    key = null;
                    expectValue = false;
                }
            } else if (c == '}' || c == ']') {
                depth--;
            } else if (c == ':' && depth == 1) {
                expectValue = true;
            } else if (depth == 1 && expectValue && key != null && !Character.isWhitespace(c)) {
                int end = i;
                while (end < json.length() && ",}".indexOf(json.charAt(end)) < 0) {
                    end++;
                }
                out.put(key, json.substring(i, end).strip());
                key = null;
                expectValue = false;
                i = end - 1;
            }
        }
        return out;
    }

    private static int stringEnd(String json, int open) {
        for (int i = open + 1; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        throw new IllegalArgumentException("unterminated string in qemu-img output: " + json.strip());
    }

    private static String unescape(String s) {
        return s.indexOf('\\') < 0 ? s : s.replace("\\\"", "\"").replace("\\\\", "\\").replace("\\/", "/");
    }
}
