package io.cairn.compute.bhyve.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link MachineSpec} placed on this host: its PCI slots, the tap of each NIC and its console's
 * nmdm pair. Everything {@link BhyveArgv} needs, nothing it has to look up.
 *
 * @param spec     the checked spec
 * @param slots    PCI slot of every device key ({@link SlotAllocator})
 * @param taps     tap interface of every NIC, by MAC
 * @param nmdmUnit the console is {@code /dev/nmdm<unit>A} (bhyve's side) and {@code B} (the operator's)
 */
public record Machine(MachineSpec spec, Map<String, Integer> slots, Map<String, String> taps, int nmdmUnit) {
    public Machine {
        Objects.requireNonNull(spec, "spec");
        slots = Map.copyOf(slots);
        taps = Map.copyOf(taps);
        for (String key : SlotAllocator.keys(spec)) {
            if (!slots.containsKey(key)) {
                throw new IllegalArgumentException("no PCI slot for " + key);
            }
        }
        for (String mac : spec.macs()) {
            if (!taps.containsKey(mac)) {
                throw new IllegalArgumentException("no tap for the NIC " + mac);
            }
        }
        if (nmdmUnit < 0) {
            throw new IllegalArgumentException("nmdm unit must not be negative");
        }
    }

    /** bhyve's end of the console. */
    public Path consoleDevice() {
        return Path.of("/dev/nmdm" + nmdmUnit + "A");
    }

    /** The end an operator attaches to ({@code cu -l /dev/nmdmNB}). */
    public Path operatorConsole() {
        return Path.of("/dev/nmdm" + nmdmUnit + "B");
    }

    public List<String> tapsInOrder() {
        return spec.macs().stream().map(taps::get).toList();
    }
}
