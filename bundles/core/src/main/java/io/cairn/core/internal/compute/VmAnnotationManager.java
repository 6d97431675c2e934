package io.cairn.core.internal.compute;

import io.cairn.api.common.DnsLabel;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.compute.VmAnnotation;
import io.cairn.api.compute.VmAnnotationService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Annotations of VMs: checks the VM and the input, then reads or writes the annotation keyspace. */
@Component(service = VmAnnotationService.class)
public class VmAnnotationManager implements VmAnnotationService {
    @Reference
    private VmStore vms;
    @Reference
    private VmAnnotationStore annotations;

    public VmAnnotationManager() {
    }

    /** Outside OSGi (tests). */
    VmAnnotationManager(VmStore vms, VmAnnotationStore annotations) {
        this.vms = vms;
        this.annotations = annotations;
    }

    @Override
    public List<VmAnnotation> annotations(String vm) {
        return annotations.list(vmId(vm), vm);
    }

    @Override
    public Optional<VmAnnotation> annotation(String vm, String key) {
        VmAnnotation.requireKey(key);
        return annotations.get(vmId(vm), vm, key);
    }

    @Override
    public VmAnnotation annotate(String vm, String key, String value) {
        VmAnnotation.requireKey(key);
        VmAnnotation.requireValue(value);
        long version = annotations.put(vmId(vm), vm, key, value);
        return new VmAnnotation(key, value, version);
    }

    @Override
    public boolean removeAnnotation(String vm, String key) {
        VmAnnotation.requireKey(key);
        return annotations.delete(vmId(vm), vm, key);
    }

    private UUID vmId(String vm) {
        if (!DnsLabel.isValid(vm)) {
            throw new NotFoundException("no VM named '" + vm + "' (VM names are DNS labels)");
        }
        return vms.require(vm).vm().id();
    }
}
