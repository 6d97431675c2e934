package io.cairn.api.compute;

/**
 * Whether a compute driver can run VMs on this host, and if not, why: a driver bundle installs and
 * starts everywhere, but only some hosts have its hypervisor (bhyve needs FreeBSD with {@code vmm}).
 *
 * @param available true when the driver can start VMs here
 * @param reason    what is missing and how to fix it, when not available; null when available
 */
public record DriverAvailability(boolean available, String reason) {
    private static final DriverAvailability AVAILABLE = new DriverAvailability(true, null);

    public DriverAvailability {
        if (available && reason != null) {
            throw new IllegalArgumentException("an available driver has no reason to report, got '" + reason + "'");
        }
        if (!available && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("an unavailable driver must say why");
        }
    }

    public static DriverAvailability ready() {
        return AVAILABLE;
    }

    public static DriverAvailability unavailable(String reason) {
        return new DriverAvailability(false, reason);
    }
}
