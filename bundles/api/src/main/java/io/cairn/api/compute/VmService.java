package io.cairn.api.compute;

import java.util.List;
import java.util.Optional;

/** Read access to the cluster's VMs. */
public interface VmService {
    /** All VMs, sorted by name. */
    List<VmDetails> vms();

    Optional<VmDetails> vm(String name);

    void addListener(VmListener listener);

    void removeListener(VmListener listener);
}
