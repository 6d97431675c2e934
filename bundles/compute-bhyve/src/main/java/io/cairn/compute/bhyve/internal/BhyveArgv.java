package io.cairn.compute.bhyve.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The exact command lines of bhyve(8), bhyveload(8) and bhyvectl(8) for a {@link Machine}; nothing here
 * runs a program. Flags, per bhyve(8): {@code -A} ACPI tables (when configured), {@code -H} yield the vCPU
 * thread on HLT, {@code -P} exit on PAUSE, {@code -u} RTC in UTC; {@code -c}/{@code -m} from the spec;
 * {@code -U} the VM's id as SMBIOS UUID; one {@code -s slot,emulation[,conf]} per PCI device in slot order;
 * {@code -l com1,/dev/nmdmNA} the serial console; {@code -l bootrom,FIRMWARE} for UEFI guests.
 */
public final class BhyveArgv {
    private final BhyveSettings settings;

    public BhyveArgv(BhyveSettings settings) {
        this.settings = settings;
    }

    public List<String> bhyve(Machine m) {
        MachineSpec spec = m.spec();
        List<String> argv = new ArrayList<>();
        argv.add(settings.programs().bhyve().toString());
        if (settings.acpi()) {
            argv.add("-A");
        }
        argv.add("-H");
        argv.add("-P");
        argv.add("-u");
        argv.add("-c");
        argv.add(Integer.toString(spec.cpus()));
        argv.add("-m");
        argv.add(memory(spec));
        argv.add("-U");
        argv.add(spec.vmId().toString());
        Map<Integer, String> devices = new TreeMap<>();
        devices.put(SlotAllocator.HOSTBRIDGE, "hostbridge");
        for (MachineSpec.Disk d : spec.disks()) {
            devices.put(m.slots().get(SlotAllocator.diskKey(d.path())),
                    d.bus().emulation() + "," + d.path() + (d.readOnly() ? ",ro" : ""));
        }
        for (String mac : spec.macs()) {
            devices.put(m.slots().get(SlotAllocator.nicKey(mac)), "virtio-net," + m.taps().get(mac) + ",mac=" + mac);
        }
        devices.put(m.slots().get(SlotAllocator.RNG), "virtio-rnd");
        devices.put(SlotAllocator.LPC, "lpc");
        devices.forEach((slot, device) -> {
            argv.add("-s");
            argv.add(slot + "," + device);
        });
        argv.add("-l");
        argv.add("com1," + m.consoleDevice());
        if (spec.boot() instanceof BootMethod.Uefi uefi) {
            argv.add("-l");
            argv.add("bootrom," + uefi.firmware());
        }
        argv.add(spec.bhyveName());
        return List.copyOf(argv);
    }

    /** bhyveload's command line, or an empty list for a UEFI guest (its firmware runs inside bhyve). */
    public List<String> bhyveload(Machine m) {
        if (!(m.spec().boot() instanceof BootMethod.Bhyveload load)) {
            return List.of();
        }
        List<String> argv = new ArrayList<>();
        argv.add(settings.programs().bhyveload().toString());
        argv.add("-m");
        argv.add(memory(m.spec()));
        argv.add("-c");
        argv.add(m.consoleDevice().toString());
        argv.add("-h");
        argv.add(load.root().toString());
        if (!load.kernelDir().equals("kernel")) {
            argv.add("-e");
            argv.add("kernel=" + load.kernelDir());
        }
        for (String variable : load.env()) {
            argv.add("-e");
            argv.add(variable);
        }
        argv.add(m.spec().bhyveName());
        return List.copyOf(argv);
    }

    /** Frees the VM's kernel instance ({@code /dev/vmm/NAME}) once bhyve has exited. */
    public List<String> destroy(String bhyveName) {
        return List.of(settings.programs().bhyvectl().toString(), "--destroy", "--vm=" + bhyveName);
    }

    /** Powers the guest off at once; bhyve then exits with status 1. */
    public List<String> forcePoweroff(String bhyveName) {
        return List.of(settings.programs().bhyvectl().toString(), "--vm=" + bhyveName, "--force-poweroff");
    }

    /** Resets the guest at once; bhyve then exits with status 0 (rebooted) and is started again. */
    public List<String> forceReset(String bhyveName) {
        return List.of(settings.programs().bhyvectl().toString(), "--vm=" + bhyveName, "--force-reset");
    }

    private static String memory(MachineSpec spec) {
        return spec.memoryMiB() + "M";
    }
}
