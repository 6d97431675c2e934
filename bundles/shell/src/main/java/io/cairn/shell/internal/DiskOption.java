package io.cairn.shell.internal;

import io.cairn.api.compute.VmDisk;
import io.cairn.api.storage.Image;
import io.cairn.api.storage.ImageService;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code --disk name=N,size=MIB[,pool=P][,image=I]} option of {@code vm:create}. */
final class DiskOption {
    private static final Set<String> KEYS = Set.of("name", "size", "pool", "image");

    private DiskOption() {
    }

    static List<VmDisk> parseAll(List<String> values, ImageService images) {
        List<VmDisk> disks = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                disks.add(parse(value, images));
            }
        }
        return disks;
    }

    /** @throws IllegalArgumentException naming the option and what is wrong with it */
    static VmDisk parse(String value, ImageService images) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : value.split(",", -1)) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? part.trim() : part.substring(0, eq).trim();
            if (eq < 0 || !KEYS.contains(key)) {
                throw new IllegalArgumentException("--disk " + value + ": expected name=N,size=MIB[,pool=P][,image=I], "
                        + "got '" + part + "'");
            }
            if (fields.put(key, part.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException("--disk " + value + ": " + key + " is given twice");
            }
        }
        String name = fields.get("name");
        if (name == null) {
            throw new IllegalArgumentException("--disk " + value + ": name= is required");
        }
        String image = fields.get("image");
        String size = fields.get("size");
        long sizeMiB;
        if (size != null) {
            try {
                sizeMiB = Long.parseLong(size);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--disk " + value + ": size must be a whole number of MiB, was '"
                        + size + "'");
            }
        } else if (image != null) {
            sizeMiB = Format.require(images, "image service").image(image).map(Image::sizeMiB)
                    .orElseThrow(() -> new IllegalArgumentException("--disk " + value + ": image '" + image
                            + "' does not exist (image:list)"));
        } else {
            throw new IllegalArgumentException("--disk " + value + ": size= (MiB) is required for a disk not cloned "
                    + "from an image");
        }
        return new VmDisk(name, fields.get("pool"), sizeMiB, image);
    }
}
