package io.cairn.core.internal.storage;

import io.cairn.core.internal.cluster.SoftWrites;
import com.hazelcast.map.IMap;
import io.cairn.api.storage.PoolStatus;
import io.cairn.core.internal.cluster.ClusterMember;
import io.cairn.core.internal.json.Json;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/** Observed pool statuses as owners report them: soft state, rebuilt by every owner's resync. */
@Component(service = PoolStatusBoard.class)
public class PoolStatusBoard {
    private static final Logger LOG = LoggerFactory.getLogger(PoolStatusBoard.class);
    static final String MAP = "cairn.pool-status";

    @Reference
    private ClusterMember member;

    private IMap<String, String> map;

    @Activate
    void activate() {
        map = member.hazelcast().getMap(MAP);
    }

    /** Written asynchronously: a slow or split Hazelcast never holds up the reconciler. */
    void report(PoolStatus status) {
        try {
            SoftWrites.onFailure(map.setAsync(status.name(), Json.write(status)), e ->
                    LOG.warn("Status of pool {} not published ({}); the next report retries", status.name(), e.toString()));
        } catch (RuntimeException e) {
            LOG.warn("Status of pool {} not published ({}); the next report retries", status.name(), e.toString());
        }
    }

    /** Forgets a deleted pool's status (asynchronously, as reports are written). */
    void remove(String pool) {
        try {
            SoftWrites.onFailure(map.removeAsync(pool), e ->
                    LOG.warn("Status of deleted pool {} not removed ({})", pool, e.toString()));
        } catch (RuntimeException e) {
            LOG.warn("Status of deleted pool {} not removed ({})", pool, e.toString());
        }
    }

    Optional<PoolStatus> get(String pool) {
        String json = map.get(pool);
        return json == null ? Optional.empty() : Optional.of(Json.read(json, PoolStatus.class));
    }
}
