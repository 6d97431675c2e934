package io.cairn.storage.zfs.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The driver's part of {@code etc/io.cairn.storage.cfg}. */
@ObjectClassDefinition(id = StorageConfig.PID, name = "Cairn storage (ZFS driver)")
public @interface StorageConfig {
    String PID = "io.cairn.storage";

    @AttributeDefinition(description = "Where the driver keeps the pid files of its NBD servers and clients "
            + "(relative paths are under the Karaf home)")
    String run_dir() default "data/cairn/storage";

    @AttributeDefinition(description = "Where pool datasets are mounted (the same path on every node; the local cluster bind-mounts a private directory there)")
    String mount_root() default "/var/lib/cairn/pools";

    @AttributeDefinition(description = "Where member disks appear on a pool's owner, DIR/POOL/MEMBER/nbd, the "
            + "same path on every node (the local cluster bind-mounts a private directory there)")
    String attach_dir() default "/var/lib/cairn/attach";

    @AttributeDefinition(description = "Seconds a zpool/zfs/nbdkit command may take")
    int command_timeout_seconds() default 120;
}
