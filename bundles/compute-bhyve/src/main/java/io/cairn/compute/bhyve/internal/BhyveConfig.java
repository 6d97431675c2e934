package io.cairn.compute.bhyve.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the bhyve driver, PID {@code io.cairn.compute.bhyve} ({@code etc/io.cairn.compute.bhyve.cfg}). */
@ObjectClassDefinition(id = BhyveComputeDriver.PID, name = "Cairn bhyve compute driver",
        description = "Runs Cairn VMs as bhyve processes on FreeBSD")
public @interface BhyveConfig {
    @AttributeDefinition(name = "Run directory", description = "Where the driver keeps one record per VM "
            + "(owner, epoch, pid, taps, console, PCI slots) and each VM's bhyve output")
    String run_dir() default "/var/run/cairn/bhyve";

    @AttributeDefinition(name = "bhyve", description = "Path of bhyve(8)")
    String bhyve() default "/usr/sbin/bhyve";

    @AttributeDefinition(name = "bhyvectl", description = "Path of bhyvectl(8)")
    String bhyvectl() default "/usr/sbin/bhyvectl";

    @AttributeDefinition(name = "bhyveload", description = "Path of bhyveload(8)")
    String bhyveload() default "/usr/sbin/bhyveload";

    @AttributeDefinition(name = "ifconfig", description = "Path of ifconfig(8)")
    String ifconfig() default "/sbin/ifconfig";

    @AttributeDefinition(name = "rctl", description = "Path of rctl(8)")
    String rctl() default "/usr/bin/rctl";

    @AttributeDefinition(name = "kldstat", description = "Path of kldstat(8)")
    String kldstat() default "/sbin/kldstat";

    @AttributeDefinition(name = "sysctl", description = "Path of sysctl(8)")
    String sysctl() default "/sbin/sysctl";

    @AttributeDefinition(name = "kill", description = "Path of kill(1)")
    String kill() default "/bin/kill";

    @AttributeDefinition(name = "Bridge", description = "if_bridge(4) interface every VM tap joins")
    String bridge() default "bridge0";

    @AttributeDefinition(name = "First nmdm unit", description = "Consoles use nmdm(4) pairs /dev/nmdmNA and "
            + "/dev/nmdmNB with N from this unit up, so other users of nmdm keep the low units")
    int nmdm_base() default 1000;

    @AttributeDefinition(name = "ACPI tables (-A)", description = "Pass -A (generate ACPI tables); needed by "
            + "bhyve before FreeBSD 14, where later releases build them by themselves")
    boolean acpi() default true;

    @AttributeDefinition(name = "CPU cap per vCPU (%)", description = "rctl pcpu limit per vCPU in percent of a "
            + "host core (0: none); a VM gets vcpus x this")
    int limit_pcpu_per_vcpu() default 0;

    @AttributeDefinition(name = "Read bytes/s", description = "rctl readbps throttle per VM (0: none)")
    long limit_read_bps() default 0;

    @AttributeDefinition(name = "Write bytes/s", description = "rctl writebps throttle per VM (0: none)")
    long limit_write_bps() default 0;

    @AttributeDefinition(name = "Read IOPS", description = "rctl readiops throttle per VM (0: none)")
    long limit_read_iops() default 0;

    @AttributeDefinition(name = "Write IOPS", description = "rctl writeiops throttle per VM (0: none)")
    long limit_write_iops() default 0;

    @AttributeDefinition(name = "Command timeout (s)", description = "Timeout of each host program but bhyve itself")
    int command_timeout_seconds() default 30;

    @AttributeDefinition(name = "Shutdown timeout (s)", description = "Wait for an ACPI shutdown when the caller "
            + "gives no timeout, before powering off")
    int shutdown_timeout_seconds() default 60;

    @AttributeDefinition(name = "Poll interval (ms)", description = "How often a shutdown checks the bhyve process")
    int poll_millis() default 200;
}
