package io.cairn.compute.bhyve.internal;

import io.cairn.api.compute.DriverAvailability;

import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Whether bhyve can run VMs on this host, and what to do about it when not. Checked in this order, and
 * only as far as the first missing piece, so on Linux nothing but the OS name is read (no program runs):
 * FreeBSD; the programs; the {@code vmm} and {@code nmdm} kernel modules; the node's bridge; the vCPU
 * limit {@code hw.vmm.maxcpu}.
 *
 * @param availability what the node reports
 * @param maxVcpus     vCPUs a VM may have on this host (0 when unavailable)
 */
public record BhyveAvailability(DriverAvailability availability, int maxVcpus) {
    public static BhyveAvailability check(HostProbe host, BhyveSettings s) {
        String os = host.osName();
        if (!os.equals("FreeBSD")) {
            return no("bhyve runs only on FreeBSD and this node runs " + (os.isEmpty() ? "an unknown OS" : os)
                    + "; use the kvm driver here (hypervisor = kvm in etc/io.cairn.node.cfg)");
        }
        BhyveSettings.Programs p = s.programs();
        for (Path program : new Path[] {p.bhyve(), p.bhyvectl(), p.bhyveload(), p.ifconfig(), p.rctl(), p.kldstat(),
                p.sysctl(), p.kill()}) {
            if (!host.isExecutable(program)) {
                return no(program + " is missing or not executable; it comes with the FreeBSD base system "
                        + "(or fix its path in etc/io.cairn.compute.bhyve.cfg)");
            }
        }
        if (!host.moduleLoaded("vmm")) {
            return no("the vmm kernel module is not loaded: kldload vmm, and vmm_load=\"YES\" in /boot/loader.conf");
        }
        if (!host.moduleLoaded("nmdm")) {
            return no("the nmdm kernel module (serial consoles) is not loaded: kldload nmdm, and nmdm_load=\"YES\" in "
                    + "/boot/loader.conf");
        }
        if (!host.interfaceExists(s.bridge())) {
            return no("the bridge " + s.bridge() + " that VM taps join does not exist: ifconfig " + s.bridge()
                    + " create up (cloned_interfaces=\"" + s.bridge() + "\" in /etc/rc.conf), or set bridge in "
                    + "etc/io.cairn.compute.bhyve.cfg");
        }
        OptionalInt max = host.maxVcpus();
        if (max.isEmpty() || max.getAsInt() < 1) {
            return no("sysctl hw.vmm.maxcpu gave no vCPU limit; is vmm loaded?");
        }
        return new BhyveAvailability(DriverAvailability.ready(), max.getAsInt());
    }

    private static BhyveAvailability no(String reason) {
        return new BhyveAvailability(DriverAvailability.unavailable(reason), 0);
    }
}
