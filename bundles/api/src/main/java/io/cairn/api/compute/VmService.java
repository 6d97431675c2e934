package io.cairn.api.compute;

import java.util.List;
import java.util.Optional;

/** Read access to the cluster's VMs. */
public interface VmService {
    /** All VMs, sorted by name. */
    List<VmDetails> vms();

    /** One page of the VMs that match {@code query}, sorted by name. */
    VmPage vms(VmQuery query);

    Optional<VmDetails> vm(String name);

    void addListener(VmListener listener);

    void removeListener(VmListener listener);
}
