package io.cairn.api.transfer;

import java.io.InputStream;
import java.time.Duration;

/**
 * Opens streams from {@link TransferSource}s on other nodes (or this one). The peer is authenticated by
 * its cluster certificate, whose CN must be the node asked for, and it authenticates this node the same way.
 */
public interface TransferService {
    /**
     * Opens the stream of {@code resource} from the source {@code channel} on {@code node} and returns once
     * the source has accepted (its first bytes, or its end, arrived). The stream is bounded: while its
     * reader is slow, the peer's sender waits. Closing it before its end aborts the transfer at the source.
     * A read fails with an {@link java.io.IOException} when the source fails midway (with its message),
     * the connection breaks, or nothing arrives for {@code timeout}.
     *
     * @param timeout how long connecting, the handshake, the source's answer and every later read may take
     * @throws TransferRefusedException with the source's message when it refuses (no such channel, resource)
     * @throws java.io.UncheckedIOException when the node cannot be reached or authenticated (naming it)
     * @throws IllegalArgumentException for an unknown node or a blank channel or resource
     */
    InputStream open(String node, String channel, String resource, Duration timeout);
}
