package io.cairn.transfer.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/io.cairn.transfer.cfg}: the node-to-node transfer channel. */
@ObjectClassDefinition(id = TransferConfig.PID, name = "Cairn transfer channel")
public @interface TransferConfig {
    String PID = "io.cairn.transfer";

    @AttributeDefinition(description = "TCP port of the transfer channel on the node's cluster address (the same on every node)")
    int port() default 7810;

    @AttributeDefinition(description = "KiB a sender may have queued for the network before it waits (high-water mark)")
    int high_water_kib() default 1024;

    @AttributeDefinition(description = "KiB a receiver buffers before it stops reading from the network")
    int receive_buffer_kib() default 4096;

    @AttributeDefinition(description = "KiB per data frame")
    int chunk_kib() default 64;
}
