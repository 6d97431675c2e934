package io.cairn.compute.kvm.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the KVM driver, PID {@code io.cairn.compute.kvm} ({@code etc/io.cairn.compute.kvm.cfg}). */
@ObjectClassDefinition(id = KvmComputeDriver.PID, name = "Cairn KVM compute driver",
        description = "Runs Cairn VMs as transient libvirt domains (KVM where it works, TCG otherwise)")
public @interface KvmConfig {
    @AttributeDefinition(name = "libvirt URI", description = "Connection URI, e.g. qemu:///system or test:///default")
    String uri() default "qemu:///system";

    @AttributeDefinition(name = "Shutdown timeout (s)",
            description = "Wait for an ACPI shutdown when the caller gives no timeout, before powering off")
    int shutdown_timeout_seconds() default 60;

    @AttributeDefinition(name = "Shutdown poll interval (ms)", description = "How often a shutdown checks the domain")
    int shutdown_poll_millis() default 200;

    @AttributeDefinition(name = "Virtualisation type",
            description = "auto: kvm only where it really works, else qemu (TCG); or force kvm / qemu")
    String virt_type() default "auto";

    @AttributeDefinition(name = "Emulator",
            description = "Absolute path of the QEMU binary, or of a wrapper that runs it (NUMA pinning, a vendor "
                    + "build); empty: libvirt's default for x86_64. The fencing watchdog kills a wrapper's QEMU child too")
    String emulator() default "";
}
