package io.cairn.api.compute;

import java.util.Objects;
import java.util.UUID;

/**
 * A Cairn-managed domain as the hypervisor shows it; domains without Cairn metadata never appear.
 *
 * @param vmId  VM UUID (= domain UUID)
 * @param name  domain name
 * @param state hypervisor state
 * @param owner owner node from the domain's metadata
 * @param epoch owner epoch from the domain's metadata
 */
public record DomainInfo(UUID vmId, String name, DomainState state, String owner, long epoch) {
    public DomainInfo {
        Objects.requireNonNull(vmId, "vmId must not be null");
        Objects.requireNonNull(state, "state must not be null");
    }
}
