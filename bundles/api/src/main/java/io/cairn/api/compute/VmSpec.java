package io.cairn.api.compute;

import io.cairn.api.common.DnsLabel;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the operator asks for: the desired shape of a VM. Written through the API, never by nodes.
 *
 * @param name      DNS label, unique in the cluster
 * @param tenant    owning tenant (DNS label); "default" when absent
 * @param vcpus     virtual CPUs, 1 to {@value #MAX_VCPUS}
 * @param memoryMiB memory in MiB, {@value #MIN_MEMORY_MIB} to {@value #MAX_MEMORY_MIB}
 * @param nics      virtual NICs, at most {@value #MAX_NICS}, each with a distinct MAC
 * @param boot      how the VM boots: its kernel (and initrd); must be absent when the first disk is cloned
 *                  from an image, as the VM then boots from that disk
 * @param cloudInit cloud-init user data (NoCloud), at most {@value #MAX_CLOUD_INIT} characters; optional
 * @param ha        restart on a surviving node when its node fails
 * @param node      pin to this node; optional
 * @param disks     disks on cluster pools, at most {@value #MAX_DISKS}, distinct names, all on one pool
 *                  (the VM runs on that pool's owner), named on every disk or on none; empty when absent
 */
public record VmSpec(String name, String tenant, int vcpus, long memoryMiB, List<NicSpec> nics,
                     BootSpec boot, String cloudInit, boolean ha, String node, List<VmDisk> disks) {
    public static final int MAX_VCPUS = 256;
    public static final long MIN_MEMORY_MIB = 16;
    public static final long MAX_MEMORY_MIB = 16L * 1024 * 1024;
    public static final int MAX_NICS = 16;
    public static final int MAX_DISKS = 16;
    public static final int MAX_CLOUD_INIT = 64 * 1024;
    public static final String DEFAULT_TENANT = "default";

    public VmSpec {
        DnsLabel.require(name, "name");
        tenant = tenant == null ? DEFAULT_TENANT : DnsLabel.require(tenant, "tenant");
        if (vcpus < 1 || vcpus > MAX_VCPUS) {
            throw new IllegalArgumentException("vcpus must be between 1 and " + MAX_VCPUS + ", was " + vcpus);
        }
        if (memoryMiB < MIN_MEMORY_MIB || memoryMiB > MAX_MEMORY_MIB) {
            throw new IllegalArgumentException("memoryMiB must be between " + MIN_MEMORY_MIB + " and "
                    + MAX_MEMORY_MIB + ", was " + memoryMiB);
        }
        nics = nics == null ? List.of() : List.copyOf(nics);
        if (nics.size() > MAX_NICS) {
            throw new IllegalArgumentException("at most " + MAX_NICS + " nics, got " + nics.size());
        }
        Set<String> macs = new HashSet<>();
        for (NicSpec nic : nics) {
            if (nic == null) {
                throw new IllegalArgumentException("nics must not contain null entries");
            }
            if (!macs.add(nic.mac())) {
                throw new IllegalArgumentException("mac " + nic.mac() + " is used by two nics");
            }
        }
        if (cloudInit != null && cloudInit.length() > MAX_CLOUD_INIT) {
            throw new IllegalArgumentException("cloudInit must be at most " + MAX_CLOUD_INIT + " characters");
        }
        if (node != null) {
            DnsLabel.require(node, "node");
        }
        if (disks != null && disks.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("disks must not contain null entries");
        }
        disks = disks == null ? List.of() : List.copyOf(disks);
        if (disks.size() > MAX_DISKS) {
            throw new IllegalArgumentException("at most " + MAX_DISKS + " disks, got " + disks.size());
        }
        Set<String> diskNames = new HashSet<>();
        for (VmDisk disk : disks) {
            if (!diskNames.add(disk.name())) {
                throw new IllegalArgumentException("disk name " + disk.name() + " is used twice");
            }
            if (!java.util.Objects.equals(disk.pool(), disks.get(0).pool())) {
                throw new IllegalArgumentException(disk.pool() == null || disks.get(0).pool() == null
                        ? "name the pool on every disk or on none (then the VM's disks go to one default pool): "
                                + disks.get(0).name() + " is on " + pool(disks.get(0)) + ", " + disk.name() + " on "
                                + pool(disk)
                        : "all disks of a VM must be on one pool (the VM runs on its owner): "
                                + disks.get(0).name() + " is on " + disks.get(0).pool() + ", " + disk.name() + " on "
                                + disk.pool());
            }
        }
        boolean fromImage = !disks.isEmpty() && disks.get(0).image() != null;
        if (boot == null && !fromImage) {
            throw new IllegalArgumentException("boot is required (kernel, initrd, cmdline) unless the first disk is "
                    + "cloned from an image");
        }
        if (boot != null && fromImage) {
            throw new IllegalArgumentException("boot must be absent: the VM boots from its first disk "
                    + disks.get(0).name() + ", cloned from image " + disks.get(0).image());
        }
    }

    /** True when the VM boots from its first disk (cloned from an image) rather than from a kernel. */
    public boolean bootsFromDisk() {
        return boot == null;
    }

    /** A VM without disks (it boots from its kernel and initrd only). */
    public VmSpec(String name, String tenant, int vcpus, long memoryMiB, List<NicSpec> nics,
                  BootSpec boot, String cloudInit, boolean ha, String node) {
        this(name, tenant, vcpus, memoryMiB, nics, boot, cloudInit, ha, node, List.of());
    }

    private static String pool(VmDisk disk) {
        return disk.pool() == null ? "no pool named" : "pool " + disk.pool();
    }

    /** The pool of the VM's disks, if it has any and names it (a stored spec always does). */
    public java.util.Optional<String> diskPool() {
        return disks.isEmpty() ? java.util.Optional.empty() : java.util.Optional.ofNullable(disks.get(0).pool());
    }

    /** True when the VM has disks that name no pool: the create picks one (see {@link VmDisk#pool()}). */
    public boolean needsDiskPool() {
        return !disks.isEmpty() && disks.get(0).pool() == null;
    }

    /** This spec with every disk on {@code pool}. */
    public VmSpec withDiskPool(String pool) {
        return new VmSpec(name, tenant, vcpus, memoryMiB, nics, boot, cloudInit, ha, node,
                disks.stream().map(d -> d.on(pool)).toList());
    }
}
