package io.cairn.compute.kvm.internal;

import java.time.Duration;
import java.util.Objects;

/** The driver's settings, from {@link KvmConfig} or built directly by tests. */
public record KvmSettings(String uri, Duration shutdownTimeout, Duration pollInterval, String virtType,
                          String emulator) {
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
        emulator = emulator == null || emulator.isBlank() ? null : emulator.trim();
        if (emulator != null && !emulator.startsWith("/")) {
            throw new IllegalArgumentException("emulator must be an absolute path (or empty for libvirt's default), was '"
                    + emulator + "'");
        }
    }

    public KvmSettings(String uri, Duration shutdownTimeout, Duration pollInterval, String virtType) {
        this(uri, shutdownTimeout, pollInterval, virtType, null);
    }

    public static KvmSettings of(String uri) {
        return new KvmSettings(uri, Duration.ofSeconds(60), Duration.ofMillis(200), "auto");
    }

    static KvmSettings from(KvmConfig config) {
        return new KvmSettings(config.uri(), Duration.ofSeconds(config.shutdown_timeout_seconds()),
                Duration.ofMillis(config.shutdown_poll_millis()), config.virt_type(), config.emulator());
    }
}
