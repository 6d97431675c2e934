package io.cairn.api.compute;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A VM as the cluster records it: identity, the operator's spec and the wanted power state.
 *
 * @param id       VM UUID; also the hypervisor domain UUID
 * @param spec     the operator's spec
 * @param power    the power state the operator asked for
 * @param created  when the VM was created
 */
public record Vm(UUID id, VmSpec spec, PowerState power, Instant created) {
    public Vm {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(spec, "spec must not be null");
        Objects.requireNonNull(power, "power must not be null");
        Objects.requireNonNull(created, "created must not be null");
    }

    public String name() {
        return spec.name();
    }

    public Vm withPower(PowerState newPower) {
        return new Vm(id, spec, newPower, created);
    }
}
