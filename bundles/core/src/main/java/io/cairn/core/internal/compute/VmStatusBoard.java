package io.cairn.core.internal.compute;

import io.cairn.core.internal.cluster.SoftWrites;
import com.hazelcast.map.IMap;
import io.cairn.api.compute.VmStatus;
import io.cairn.core.internal.cluster.ClusterMember;
import io.cairn.core.internal.json.Json;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Observed VM states as owners report them: soft state, rebuilt by every owner's resync. */
@Component(service = VmStatusBoard.class)
public class VmStatusBoard {
    private static final Logger LOG = LoggerFactory.getLogger(VmStatusBoard.class);
    static final String MAP = "cairn.vm-status";

    @Reference
    private ClusterMember member;

    private IMap<String, String> map;

    @Activate
    void activate() {
        map = member.hazelcast().getMap(MAP);
    }

    /**
     * Soft state, off the authoritative path: written asynchronously, and a Hazelcast that is
     * slow or split (a partition) never holds up or fails the reconciler that reports.
     */
    public void report(String vmName, VmStatus status) {
        try {
            SoftWrites.onFailure(map.setAsync(vmName, Json.write(status)), e ->
                    LOG.warn("Status of VM {} not published ({}); the next report retries", vmName, e.toString()));
        } catch (RuntimeException e) {
            LOG.warn("Status of VM {} not published ({}); the next report retries", vmName, e.toString());
        }
    }

    public Optional<VmStatus> get(String vmName) {
        String json = map.get(vmName);
        return json == null ? Optional.empty() : Optional.of(Json.read(json, VmStatus.class));
    }

    /** Statuses of many VMs in one round trip. */
    public Map<String, VmStatus> getAll(Set<String> vmNames) {
        Map<String, VmStatus> out = new HashMap<>();
        map.getAll(vmNames).forEach((name, json) -> out.put(name, Json.read(json, VmStatus.class)));
        return out;
    }

    public void remove(String vmName) {
        map.delete(vmName);
    }
}
