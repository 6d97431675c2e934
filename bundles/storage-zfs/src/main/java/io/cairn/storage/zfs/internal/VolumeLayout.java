package io.cairn.storage.zfs.internal;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where volumes live in a pool — the one place that knows. A VM's disk (volume {@code <vm id>/<disk>},
 * see {@code VmDisk#volume}) is {@code POOL/vms/<vm id>/<disk>}: one parent dataset per VM, so one
 * recursive snapshot covers all of its disks atomically and one recursive destroy removes them. Any
 * other volume is {@code POOL/vols/<name>}.
 */
final class VolumeLayout {
    static final String VMS = "vms";
    static final String VOLS = "vols";
    private static final String PLAIN = "[A-Za-z0-9][A-Za-z0-9_.-]{0,62}";
    private static final Pattern PLAIN_NAME = Pattern.compile(PLAIN);
    private static final Pattern VM_DISK = Pattern.compile(
            "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/(" + PLAIN + ")");

    private VolumeLayout() {
    }

    /** The dataset of {@code volume}, after checking its name. */
    static String dataset(String pool, String volume) {
        Matcher vm = VM_DISK.matcher(volume == null ? "" : volume);
        if (vm.matches()) {
            return vmDataset(pool, UUID.fromString(vm.group(1))) + "/" + vm.group(2);
        }
        if (volume == null || !PLAIN_NAME.matcher(volume).matches()) {
            throw new IllegalArgumentException("a volume name must be '<vm id>/<disk>' or start with a letter or digit "
                    + "and hold only letters, digits, '_', '-', '.' (at most 63), was " + volume);
        }
        return pool + "/" + VOLS + "/" + volume;
    }

    /** The parent dataset of all of a VM's volumes. */
    static String vmDataset(String pool, UUID vmId) {
        return pool + "/" + VMS + "/" + vmId;
    }

    /** The volume a dataset of the pool is, if it is one (the inverse of {@link #dataset}). */
    static Optional<String> volumeOf(String pool, String dataset) {
        String vols = pool + "/" + VOLS + "/";
        String vms = pool + "/" + VMS + "/";
        String rest;
        if (dataset.startsWith(vols)) {
            rest = dataset.substring(vols.length());
            return PLAIN_NAME.matcher(rest).matches() ? Optional.of(rest) : Optional.empty();
        }
        if (dataset.startsWith(vms)) {
            rest = dataset.substring(vms.length());
            return VM_DISK.matcher(rest).matches() ? Optional.of(rest) : Optional.empty();
        }
        return Optional.empty();
    }

    /** The name of a volume of the VM whose dataset is {@code dataset}, if it is a direct child of the VM's dataset. */
    static Optional<String> diskOf(String pool, UUID vmId, String dataset) {
        String prefix = vmDataset(pool, vmId) + "/";
        if (!dataset.startsWith(prefix)) {
            return Optional.empty();
        }
        String disk = dataset.substring(prefix.length());
        return PLAIN_NAME.matcher(disk).matches() ? Optional.of(disk) : Optional.empty();
    }
}
