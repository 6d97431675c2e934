package io.cairn.core.internal.compute;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** etc/io.cairn.node.cfg: how this node runs VMs. */
@ObjectClassDefinition(name = "Cairn node", description = "How this node runs its VMs")
public @interface NodeConfig {
    String PID = "io.cairn.node";

    @AttributeDefinition(name = "image.dir", description = "Directory of boot images (kernels, initrds); "
            + "VM specs name files relative to it")
    String image_dir();

    @AttributeDefinition(name = "hypervisor", description = "Compute driver type used on this node (cairn.driver)")
    String hypervisor() default "kvm";

    @AttributeDefinition(name = "stop.timeout.seconds", description = "How long a guest gets to shut down "
            + "after the ACPI request before it is powered off")
    int stop_timeout_seconds() default 60;

    @AttributeDefinition(name = "resync.interval.seconds", description = "Period of the full reconciliation")
    int resync_interval_seconds() default 10;

    @AttributeDefinition(name = "memory.reserve.mib", description = "Host memory kept free of VMs for the "
            + "host and Cairn itself")
    long memory_reserve_mib() default 1024;

    @AttributeDefinition(name = "memory.commit.percent", description = "Percent of the host memory less the "
            + "reserve that VMs (stopped ones included) may be committed; above 100 the node overcommits")
    int memory_commit_percent() default 100;
}
