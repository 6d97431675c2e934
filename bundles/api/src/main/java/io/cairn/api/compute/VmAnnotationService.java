package io.cairn.api.compute;

import java.util.List;
import java.util.Optional;

/**
 * Annotations of VMs: small key/value labels for operators and tools. Every read is linearizable
 * (it reflects every write acknowledged before it); a node that reaches no majority refuses
 * reads and writes alike.
 *
 * @throws io.cairn.api.common.NotFoundException    for an unknown VM
 * @throws IllegalArgumentException                 for an invalid key or value (the rule in the message)
 * @throws io.cairn.api.common.UnavailableException when the cluster cannot serve linearizable reads or writes
 */
public interface VmAnnotationService {
    /** Every annotation of the VM, sorted by key. */
    List<VmAnnotation> annotations(String vm);

    Optional<VmAnnotation> annotation(String vm, String key);

    /** Sets the annotation (created or replaced) and returns it with its new version. */
    VmAnnotation annotate(String vm, String key, String value);

    /** @return whether the VM had the annotation */
    boolean removeAnnotation(String vm, String key);
}
