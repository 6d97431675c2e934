package io.cairn.api.storage;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The SPI that carries member disks between nodes (NBD here; NBD, NVMe-oF or iSCSI on real hosts).
 * A DS service with {@code cairn.driver=<name>}.
 */
public interface DiskExportDriver {
    /**
     * Serves {@code export.disk()} under {@code export.exportName()} only. If it was served under
     * another name, that server stops first: its connections drop and the old name is refused.
     */
    void serve(DiskExport export);

    /** Stops serving the pool's member disk; its clients' connections drop. */
    void stop(String pool);

    /**
     * The pools whose member disk this host serves (to any owner), so a node can stop serving the
     * disks of pools that were deleted.
     *
     * @since 1.2
     */
    java.util.List<String> servedPools();

    /** The export name the pool's disk is served under on this host, if it is. */
    Optional<String> served(String pool);

    /**
     * Connects to {@code exportName} on {@code address:port} and returns a local file or device
     * the storage driver can use as a member; reuses a live attachment.
     */
    Path attach(String pool, String member, String address, int port, String exportName);

    /**
     * Makes this node's own member disk available at the same kind of path as an attached one
     * ({@code attachmentDir(pool, member)/…}), so a pool's vdev paths are the same on whichever node
     * imports it and a returning member can be put online by its path.
     */
    Path attachLocal(String pool, String member, String disk);

    /** Whether the client of {@code member}'s export of {@code pool} is alive on this node. */
    boolean attached(String pool, String member);

    /** Drops the attachment of {@code member}'s disk of {@code pool}. */
    void detach(String pool, String member);

    /** The directory that holds the attachments of {@code pool} (what an import searches). */
    Path attachmentDir(String pool, String member);
}
