package io.cairn.api.compute;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Southbound SPI of a hypervisor on this node. Implementations register as OSGi services with
 * the property {@value #TYPE_PROPERTY} (e.g. {@code kvm}); core binds them dynamically, so a driver
 * can be hot-deployed or removed. All methods act on this host only and are idempotent.
 */
public interface ComputeDriver {
    /** Service property naming the hypervisor type. */
    String TYPE_PROPERTY = "cairn.driver";

    /** The hypervisor type, equal to the service property. */
    String type();

    /**
     * Whether this driver can run VMs on this host. A driver whose hypervisor is missing here still
     * registers, answers {@link #domains()} (with what it tracks, usually nothing) and says why it is
     * unavailable, so the node can report it instead of failing on the first start.
     *
     * @since 1.2
     */
    default DriverAvailability availability() {
        return DriverAvailability.ready();
    }

    /** Cairn-managed domains on this host (those carrying Cairn metadata). */
    List<DomainInfo> domains();

    Optional<DomainInfo> domain(UUID vmId);

    /** Creates and starts a transient domain; does nothing if it already runs. */
    void start(DomainRequest request);

    /**
     * Asks the guest to shut down (ACPI) and waits up to {@code timeout}; powers it off after that.
     *
     * @return true if the guest shut down by itself, false if it had to be powered off
     */
    boolean shutdown(UUID vmId, Duration timeout);

    /** Powers the domain off at once; does nothing if it is not running. */
    void destroy(UUID vmId);

    /** Asks the guest to reboot. */
    void reboot(UUID vmId);

    /**
     * The domain's counters (since 1.2), empty when it does not run here or the hypervisor cannot tell; drivers
     * built against 1.1 answer empty.
     */
    default Optional<DomainStats> stats(UUID vmId) {
        return Optional.empty();
    }
}
