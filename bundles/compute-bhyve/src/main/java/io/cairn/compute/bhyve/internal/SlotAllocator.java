package io.cairn.compute.bhyve.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PCI slots on bhyve's bus 0: slot 0 is the hostbridge and slot 31 the LPC bridge (the consoles and
 * the boot ROM hang off it); every disk, NIC and the RNG gets one of the slots 1 to 30, function 0.
 * A device keeps the slot it had before (its key is its disk path or MAC) as long as it stays attached, so
 * the guest finds its disks and NICs at the same PCI addresses after every restart, even when others were
 * added or removed meanwhile; new devices take the lowest free slots in the order given.
 */
public final class SlotAllocator {
    public static final int HOSTBRIDGE = 0;
    public static final int LPC = 31;
    static final int FIRST = 1;
    static final int LAST = 30;
    /** Disks and NICs together; one of the 30 slots goes to the RNG. */
    static final int CAPACITY = LAST - FIRST + 1 - 1;
    public static final String RNG = "rnd";

    private SlotAllocator() {
    }

    public static String diskKey(java.nio.file.Path path) {
        return "disk:" + path;
    }

    public static String nicKey(String mac) {
        return "nic:" + mac;
    }

    /**
     * @throws IllegalArgumentException when the devices do not fit the PCI slots bhyve has
     */
    static void requireCapacity(String vm, int disks, int nics) {
        if (disks + nics > CAPACITY) {
            throw new IllegalArgumentException("VM " + vm + " has " + disks + " disks and " + nics + " NICs, "
                    + (disks + nics) + " PCI devices, but bhyve has 32 slots on its bus, of which the hostbridge, the LPC "
                    + "bridge and the RNG take 3: at most " + CAPACITY + " disks and NICs together; remove "
                    + (disks + nics - CAPACITY));
        }
    }

    /**
     * @param keys     every device in the guest's order (disks, then NICs, then {@link #RNG})
     * @param previous the slots of the last start, by key (empty for a new VM)
     * @return the slot of every key, in the order of {@code keys}
     */
    public static Map<String, Integer> assign(List<String> keys, Map<String, Integer> previous) {
        if (keys.size() > LAST - FIRST + 1) {
            throw new IllegalArgumentException(keys.size() + " PCI devices do not fit the " + (LAST - FIRST + 1)
                    + " free slots of bhyve's bus");
        }
        if (keys.size() != new java.util.HashSet<>(keys).size()) {
            throw new IllegalArgumentException("a device is listed twice: " + keys);
        }
        BitSet used = new BitSet();
        Map<String, Integer> kept = new LinkedHashMap<>();
        for (String key : keys) {
            Integer slot = previous.get(key);
            if (slot != null && slot >= FIRST && slot <= LAST && !used.get(slot)) {
                used.set(slot);
                kept.put(key, slot);
            }
        }
        Map<String, Integer> result = new LinkedHashMap<>();
        for (String key : keys) {
            Integer slot = kept.get(key);
            if (slot == null) {
                slot = used.nextClearBit(FIRST);
                used.set(slot);
            }
            result.put(key, slot);
        }
        return Collections.unmodifiableMap(result);
    }

    /** The keys of a machine's devices in the guest's order. */
    static List<String> keys(MachineSpec spec) {
        List<String> keys = new ArrayList<>();
        spec.disks().forEach(d -> keys.add(diskKey(d.path())));
        spec.macs().forEach(m -> keys.add(nicKey(m)));
        keys.add(RNG);
        return keys;
    }
}
