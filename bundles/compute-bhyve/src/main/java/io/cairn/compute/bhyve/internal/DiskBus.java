package io.cairn.compute.bhyve.internal;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The disk controllers bhyve emulates, by the bus name a disk asks for, with bhyve's emulation name. */
public enum DiskBus {
    /** Virtio block device ({@code virtio-blk}). */
    VIRTIO("virtio", "virtio-blk"),
    /** AHCI controller with one SATA disk ({@code ahci-hd}). */
    AHCI("ahci", "ahci-hd"),
    /** NVM Express controller ({@code nvme}). */
    NVME("nvme", "nvme");

    private final String bus;
    private final String emulation;

    DiskBus(String bus, String emulation) {
        this.bus = bus;
        this.emulation = emulation;
    }

    public String bus() {
        return bus;
    }

    /** The {@code -s slot,emulation,...} emulation name. */
    public String emulation() {
        return emulation;
    }

    /**
     * @throws IllegalArgumentException naming the buses bhyve has, when {@code name} is not one of them
     */
    public static DiskBus of(String name, String what) {
        String wanted = name == null ? "virtio" : name;
        if (wanted.equals("sata")) {
            return AHCI; // a SATA disk is what bhyve's ahci-hd emulates
        }
        for (DiskBus b : values()) {
            if (b.bus.equals(wanted)) {
                return b;
            }
        }
        throw new IllegalArgumentException(what + " asks for disk bus '" + wanted + "', which bhyve does not emulate; "
                + "bhyve offers " + Arrays.stream(values()).map(DiskBus::bus).collect(Collectors.joining(", "))
                + " (sata is ahci)");
    }
}
