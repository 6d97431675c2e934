package io.cairn.compute.kvm.internal;

import java.time.Duration;
import java.util.Objects;

/** The driver's settings, from {@link KvmConfig} or built directly by tests. */
public record KvmSettings(String uri, Duration shutdownTimeout, Duration pollInterval, String virtType) {
    public KvmSettings {
        Objects.requireNonNull(uri, "uri");
        if (uri.isBlank()) {
            throw new IllegalArgumentException("uri must not be blank");
        }
        if (shutdownTimeout == null || shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("shutdown.timeout.seconds must be zero or positive");
        }
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("shutdown.poll.millis must be positive");
        }
        virtType = virtType == null || virtType.isBlank() ? "auto" : virtType.trim();
    }

    public static KvmSettings of(String uri) {
        return new KvmSettings(uri, Duration.ofSeconds(60), Duration.ofMillis(200), "auto");
    }

    static KvmSettings from(KvmConfig config) {
        return new KvmSettings(config.uri(), Duration.ofSeconds(config.shutdown_timeout_seconds()),
                Duration.ofMillis(config.shutdown_poll_millis()), config.virt_type());
    }
}
