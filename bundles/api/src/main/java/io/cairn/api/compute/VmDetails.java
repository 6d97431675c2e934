package io.cairn.api.compute;

import java.util.Objects;

/** A VM with what is observed of it and who owns it, for reads. */
public record VmDetails(Vm vm, VmStatus status, Ownership owner) {
    public VmDetails {
        Objects.requireNonNull(vm, "vm must not be null");
        Objects.requireNonNull(status, "status must not be null");
    }
}
