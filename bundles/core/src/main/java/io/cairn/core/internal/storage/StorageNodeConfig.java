package io.cairn.core.internal.storage;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Core's part of etc/io.cairn.storage.cfg: the disks this node offers to pools. */
@ObjectClassDefinition(id = "io.cairn.storage.node", name = "Cairn storage (node)",
        description = "The disks this node gives to cluster pools")
public @interface StorageNodeConfig {
    String PID = "io.cairn.storage";

    @AttributeDefinition(name = "disks", description = "Absolute paths of the disks this node offers, one per "
            + "pool slot (comma-separated); on a real host /dev/disk/by-id/…")
    String[] disks() default {};

    @AttributeDefinition(name = "export.port.base", description = "First TCP port of member disk exports (one per pool)")
    int export_port_base() default 10809;

    @AttributeDefinition(name = "resync.interval.seconds", description = "Period of the pool reconciliation")
    int resync_interval_seconds() default 5;

    @AttributeDefinition(name = "driver", description = "Storage driver (cairn.driver)")
    String driver() default "zfs";

    @AttributeDefinition(name = "export.driver", description = "Disk export driver (cairn.driver)")
    String export_driver() default "nbd";
}
