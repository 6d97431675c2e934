package io.cairn.compute.bhyve.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The driver's settings, from {@link BhyveConfig} or built directly by tests.
 *
 * @param runDir          one record and one output log per VM
 * @param programs        paths of the host programs the driver runs
 * @param bridge          the bridge every tap joins
 * @param nmdmBase        the first nmdm unit used for consoles
 * @param acpi            pass {@code -A}
 * @param limits          rctl limits applied to every VM's bhyve process
 * @param commandTimeout  timeout of each host program but bhyve
 * @param shutdownTimeout ACPI wait when the caller gives none
 * @param pollInterval    how often a shutdown checks the process
 */
public record BhyveSettings(Path runDir, Programs programs, String bridge, int nmdmBase, boolean acpi,
                            Limits limits, Duration commandTimeout, Duration shutdownTimeout, Duration pollInterval) {
    public BhyveSettings {
        Objects.requireNonNull(runDir, "run.dir must be set");
        if (!runDir.isAbsolute()) {
            throw new IllegalArgumentException("run.dir must be an absolute path, was '" + runDir + "'");
        }
        Objects.requireNonNull(programs, "programs");
        if (bridge == null || !bridge.matches("[a-z][a-z0-9]{0,14}")) {
            throw new IllegalArgumentException("bridge must be an interface name such as bridge0, was '" + bridge + "'");
        }
        if (nmdmBase < 0 || nmdmBase > 999_999) {
            throw new IllegalArgumentException("nmdm.base must be between 0 and 999999, was " + nmdmBase);
        }
        Objects.requireNonNull(limits, "limits");
        requirePositive(commandTimeout, "command.timeout.seconds");
        if (shutdownTimeout == null || shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("shutdown.timeout.seconds must be zero or positive");
        }
        requirePositive(pollInterval, "poll.millis");
    }

    /** Absolute paths of the programs the driver runs. */
    public record Programs(Path bhyve, Path bhyvectl, Path bhyveload, Path ifconfig, Path rctl, Path kldstat,
                           Path sysctl, Path kill) {
        public Programs {
            for (Path p : new Path[] {bhyve, bhyvectl, bhyveload, ifconfig, rctl, kldstat, sysctl, kill}) {
                if (p == null || !p.isAbsolute()) {
                    throw new IllegalArgumentException("program paths must be absolute, got '" + p + "'");
                }
            }
        }

        /** FreeBSD's locations. */
        public static Programs freeBsd() {
            return new Programs(Path.of("/usr/sbin/bhyve"), Path.of("/usr/sbin/bhyvectl"), Path.of("/usr/sbin/bhyveload"),
                    Path.of("/sbin/ifconfig"), Path.of("/usr/bin/rctl"), Path.of("/sbin/kldstat"), Path.of("/sbin/sysctl"),
                    Path.of("/bin/kill"));
        }
    }

    /**
     * rctl limits per VM; 0 means none.
     *
     * @param pcpuPerVcpu percent of one host core per vCPU
     */
    public record Limits(int pcpuPerVcpu, long readBps, long writeBps, long readIops, long writeIops) {
        public static final Limits NONE = new Limits(0, 0, 0, 0, 0);

        public Limits {
            if (pcpuPerVcpu < 0 || pcpuPerVcpu > 100) {
                throw new IllegalArgumentException("limit.pcpu.per.vcpu must be between 0 and 100, was " + pcpuPerVcpu);
            }
            if (readBps < 0 || writeBps < 0 || readIops < 0 || writeIops < 0) {
                throw new IllegalArgumentException("I/O limits must be zero (none) or positive");
            }
        }

        public boolean any() {
            return pcpuPerVcpu > 0 || readBps > 0 || writeBps > 0 || readIops > 0 || writeIops > 0;
        }
    }

    /** FreeBSD defaults under {@code runDir}, no limits. */
    public static BhyveSettings of(Path runDir) {
        return new BhyveSettings(runDir, Programs.freeBsd(), "bridge0", 1000, true, Limits.NONE, Duration.ofSeconds(30),
                Duration.ofSeconds(60), Duration.ofMillis(200));
    }

    public BhyveSettings withLimits(Limits newLimits) {
        return new BhyveSettings(runDir, programs, bridge, nmdmBase, acpi, newLimits, commandTimeout, shutdownTimeout,
                pollInterval);
    }

    static BhyveSettings from(BhyveConfig c) {
        Programs programs = new Programs(Path.of(c.bhyve()), Path.of(c.bhyvectl()), Path.of(c.bhyveload()),
                Path.of(c.ifconfig()), Path.of(c.rctl()), Path.of(c.kldstat()), Path.of(c.sysctl()), Path.of(c.kill()));
        Limits limits = new Limits(c.limit_pcpu_per_vcpu(), c.limit_read_bps(), c.limit_write_bps(),
                c.limit_read_iops(), c.limit_write_iops());
        return new BhyveSettings(Path.of(c.run_dir()), programs, c.bridge(), c.nmdm_base(), c.acpi(), limits,
                Duration.ofSeconds(c.command_timeout_seconds()), Duration.ofSeconds(c.shutdown_timeout_seconds()),
                Duration.ofMillis(c.poll_millis()));
    }

    private static void requirePositive(Duration d, String key) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be positive");
        }
    }
}
