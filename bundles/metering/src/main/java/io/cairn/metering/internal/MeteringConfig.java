package io.cairn.metering.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** etc/io.cairn.metering.cfg: the metering interval, the initial prices, the licence vendor's key, delivery. */
@ObjectClassDefinition(name = "Cairn metering", description = "Usage metering, prices, licences and sinks")
public @interface MeteringConfig {
    String PID = "io.cairn.metering";

    @AttributeDefinition(name = "interval.seconds", description = "Length of a metering interval (changeable at "
            + "runtime; the interval in progress keeps its start)")
    int interval_seconds() default 60;

    @AttributeDefinition(name = "price.vcpu.hour", description = "Initial points per vCPU-hour, recorded once, "
            + "in force from 1970 until a price set through the API takes over")
    String price_vcpu_hour() default "1";

    @AttributeDefinition(name = "price.memory.gib.hour", description = "Initial points per GiB-hour of memory")
    String price_memory_gib_hour() default "0.5";

    @AttributeDefinition(name = "price.cpu.hour", description = "Initial points per hour of CPU time consumed")
    String price_cpu_hour() default "0";

    @AttributeDefinition(name = "price.disk.gib.hour", description = "Initial points per GiB-hour of disk allocated "
            + "(the VM's disks, running or stopped)")
    String price_disk_gib_hour() default "0.1";

    @AttributeDefinition(name = "license.public.keys", description = "The licence vendor's Ed25519 public keys "
            + "(base64 X.509 SubjectPublicKeyInfo), comma-separated")
    String license_public_keys() default "";

    @AttributeDefinition(name = "sink.settle.seconds", description = "How long after an interval ends its records "
            + "are handed to the sinks (a late commit can still land until then)")
    int sink_settle_seconds() default 60;

    @AttributeDefinition(name = "sink.retry.max.seconds", description = "Longest wait between two deliveries to "
            + "a sink that fails (the wait starts at 1 s and doubles)")
    int sink_retry_max_seconds() default 60;
}
