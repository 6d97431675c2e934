package io.cairn.transfer.internal;

/**
 * The channel's settings, from {@link TransferConfig} or built directly by tests.
 *
 * @param port          the TCP port on every node's cluster address
 * @param highWater     bytes a sender may have scheduled for the network before it waits
 * @param receiveBuffer bytes a receiver buffers before it suspends reading from the network
 * @param chunk         bytes per data frame
 */
record TransferSettings(int port, int highWater, int receiveBuffer, int chunk) {
    /** A frame's payload is at most this large; a peer sending more is cut off. */
    static final int MAX_FRAME = 1 << 20;
    /**
     * MINA's TLS filter keeps at most 64 writes it cannot encrypt yet (then it fails the session), so the
     * high-water mark may hold at most this many frames (see {@link ChannelSslFilter}).
     */
    static final int MAX_FRAMES_IN_FLIGHT = 32;

    TransferSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535 (0 only in tests: any free port), was " + port);
        }
        if (chunk < 1024 || chunk > MAX_FRAME) {
            throw new IllegalArgumentException("chunk.kib must be 1-" + (MAX_FRAME >> 10) + ", was " + (chunk >> 10));
        }
        if (highWater < chunk) {
            throw new IllegalArgumentException("high.water.kib must be at least chunk.kib (" + (chunk >> 10) + "), was "
                    + (highWater >> 10));
        }
        if (highWater / chunk > MAX_FRAMES_IN_FLIGHT) {
            throw new IllegalArgumentException("high.water.kib may be at most " + MAX_FRAMES_IN_FLIGHT + " chunks ("
                    + (MAX_FRAMES_IN_FLIGHT * (chunk >> 10)) + " KiB with chunk.kib " + (chunk >> 10) + "), was "
                    + (highWater >> 10));
        }
        if (receiveBuffer < chunk) {
            throw new IllegalArgumentException("receive.buffer.kib must be at least chunk.kib (" + (chunk >> 10)
                    + "), was " + (receiveBuffer >> 10));
        }
    }

    static TransferSettings from(TransferConfig config) {
        if (config.port() == 0) {
            throw new IllegalArgumentException("port must be 1-65535, was 0");
        }
        return new TransferSettings(config.port(), config.high_water_kib() << 10, config.receive_buffer_kib() << 10,
                config.chunk_kib() << 10);
    }
}
