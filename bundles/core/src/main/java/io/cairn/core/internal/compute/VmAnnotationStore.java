package io.cairn.core.internal.compute;

import io.cairn.api.compute.VmAnnotation;
import io.cairn.api.state.ConsistentStore;
import io.cairn.api.state.StoreOp;
import io.cairn.api.state.Versioned;
import io.cairn.core.internal.json.Json;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code annotation/<vm>/<key>} keyspace of the consistent store. Each record carries the id
 * of the VM it was written for: an annotation written while its VM was being deleted (or left
 * behind by a node that failed mid-way) belongs to that id only, so a later VM of the same name
 * never sees it; deleting the VM deletes every annotation under its name. Reads are linearizable.
 */
@Component(service = VmAnnotationStore.class)
public class VmAnnotationStore {
    static final String PREFIX = "annotation/";

    @Reference
    private ConsistentStore store;

    public VmAnnotationStore() {
    }

    /** Outside OSGi (tests): over {@code store}. */
    VmAnnotationStore(ConsistentStore store) {
        this.store = store;
    }

    /** The stored form of one annotation. */
    record AnnotationRecord(UUID vmId, String value) {
    }

    static String key(String vm, String key) {
        return prefix(vm) + key;
    }

    static String prefix(String vm) {
        return PREFIX + vm + "/";
    }

    Optional<VmAnnotation> get(UUID vmId, String vm, String key) {
        return store.get(key(vm, key)).flatMap(v -> annotation(vmId, vm, v));
    }

    List<VmAnnotation> list(UUID vmId, String vm) {
        return store.list(prefix(vm)).stream().flatMap(v -> annotation(vmId, vm, v).stream()).toList();
    }

    /** Writes the annotation whatever its previous value; returns the new version. */
    long put(UUID vmId, String vm, String key, String value) {
        return store.put(key(vm, key), Json.write(new AnnotationRecord(vmId, value)), StoreOp.ANY);
    }

    /** Deletes the annotation if it belongs to this VM; returns whether it did. */
    boolean delete(UUID vmId, String vm, String key) {
        Optional<Versioned> current = store.get(key(vm, key));
        if (current.isEmpty() || annotation(vmId, vm, current.get()).isEmpty()) {
            return false;
        }
        store.delete(key(vm, key), StoreOp.ANY);
        return true;
    }

    /** Ops deleting every annotation stored under the VM's name, to join the VM's own deletion. */
    List<StoreOp> deleteAll(String vm) {
        return store.list(prefix(vm)).stream().map(v -> StoreOp.delete(v.key(), StoreOp.ANY)).toList();
    }

    private static Optional<VmAnnotation> annotation(UUID vmId, String vm, Versioned v) {
        AnnotationRecord record = Json.read(v.value(), AnnotationRecord.class);
        if (!vmId.equals(record.vmId())) {
            return Optional.empty(); // left over from an earlier VM of the same name
        }
        return Optional.of(new VmAnnotation(v.key().substring(prefix(vm).length()), record.value(), v.version()));
    }
}
