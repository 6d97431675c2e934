package io.cairn.api.metering;

import java.util.List;
import java.util.Objects;

/**
 * The cluster's licence as this node sees it.
 *
 * @param clusterId  the id a licence must name (ask the vendor for a licence for it)
 * @param license    the installed licence, or null
 * @param valid      true if a licence is installed and valid now
 * @param allocation what running VMs take now
 * @param warnings   recent warnings raised on this node, oldest first
 */
public record LicenseStatus(String clusterId, License license, boolean valid, Allocation allocation,
                            List<LicenseWarning> warnings) {
    public LicenseStatus {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(allocation, "allocation");
        warnings = List.copyOf(warnings);
    }
}
