package io.cairn.api.transfer;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A named stream a node serves to its peers (a DS service; the transfer bundle's whiteboard). It runs on
 * the transfer bundle's own threads, one per stream; a write blocks while the peer reads slowly.
 */
public interface TransferSource {
    /** The channel name a peer opens, e.g. {@code image}; unique on a node. */
    String channel();

    /**
     * Writes {@code resource} to {@code out} (not closed by the source) for the node {@code peer} (the CN of
     * its verified cluster certificate).
     *
     * @throws TransferRefusedException to refuse, with a message the peer's caller can act on (it arrives
     *                                  there as the same exception, when nothing was written yet)
     * @throws IOException              when the peer went away (a write failed)
     */
    void write(String resource, String peer, OutputStream out) throws IOException;
}
