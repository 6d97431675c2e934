package io.cairn.testing;

import io.cairn.api.common.ConflictException;
import io.cairn.api.common.NotFoundException;
import io.cairn.api.common.UnsatisfiableException;
import io.cairn.api.storage.NodeDisks;
import io.cairn.api.storage.Pool;
import io.cairn.api.storage.PoolDetails;
import io.cairn.api.storage.PoolHealth;
import io.cairn.api.storage.PoolListener;
import io.cairn.api.storage.PoolMember;
import io.cairn.api.storage.PoolName;
import io.cairn.api.storage.PoolOwnership;
import io.cairn.api.storage.PoolSpec;
import io.cairn.api.storage.PoolStatus;
import io.cairn.api.storage.ScrubStatus;
import io.cairn.api.storage.StorageAdminService;
import io.cairn.api.storage.StorageService;
import io.cairn.api.storage.VolumeBackend;
import io.cairn.api.task.Task;
import io.cairn.api.task.TaskState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * In-test storage services for the northbound layers, with the contract's documented failures: three
 * nodes n1–n3 with one disk each; a pool takes a disk of every node, so a second pool has none free
 * (422), redundancy 3 is refused (422), a duplicate name or a move to the owner is 409, an unknown pool
 * 404. A created pool is built and imported ONLINE by its owner at once; scrubs, moves and deletes
 * answer their queued task and take effect at once. The real manager is tested in core.
 */
public final class InMemoryPools implements StorageService, StorageAdminService {
    private static final List<String> NODES = List.of("n1", "n2", "n3");
    private static final Instant CREATED = Instant.parse("2025-01-02T03:04:05Z");

    private final Map<String, PoolDetails> pools = new TreeMap<>();
    private long epochs;

    public synchronized void reset() {
        pools.clear();
    }

    @Override
    public synchronized List<PoolDetails> pools() {
        return List.copyOf(pools.values());
    }

    @Override
    public synchronized Optional<PoolDetails> pool(String name) {
        return Optional.ofNullable(pools.get(name));
    }

    @Override
    public synchronized List<NodeDisks> disks() {
        List<NodeDisks> out = new ArrayList<>();
        for (String node : NODES) {
            String disk = "/var/lib/cairn/disks/" + node + "-d0.img";
            out.add(new NodeDisks(node, List.of(disk), pools.isEmpty() ? List.of(disk) : List.of()));
        }
        return out;
    }

    @Override
    public void addListener(PoolListener listener) {
    }

    @Override
    public void removeListener(PoolListener listener) {
    }

    @Override
    public synchronized PoolDetails createPool(PoolSpec spec) {
        if (pools.containsKey(spec.name())) {
            throw new ConflictException("a pool named '" + spec.name() + "' already exists");
        }
        if (spec.redundancy() >= NODES.size()) {
            throw new UnsatisfiableException("redundancy " + spec.redundancy() + " needs at least "
                    + (spec.redundancy() + 1) + " nodes, one disk each; the cluster has " + NODES.size());
        }
        if (!pools.isEmpty()) {
            throw new UnsatisfiableException("node n1 has no free disk: all 1 of its disks are in pools");
        }
        String owner = spec.owner() != null ? spec.owner() : "n1";
        if (!NODES.contains(owner)) {
            throw new UnsatisfiableException("owner " + owner + " is not a node of this cluster");
        }
        List<PoolMember> members = NODES.stream().map(n -> new PoolMember(n, "/var/lib/cairn/disks/" + n + "-d0.img"))
                .toList();
        PoolDetails created = details(new Pool(spec.withOwner(owner), members, 10809, CREATED), owner);
        pools.put(spec.name(), created);
        return created;
    }

    @Override
    public synchronized Task scrub(String name) {
        return task("pool.scrub", require(name));
    }

    @Override
    public synchronized Task deletePool(String name) {
        PoolDetails pool = require(name);
        pools.remove(name);
        return task("pool.delete", pool);
    }

    @Override
    public synchronized Task movePool(String name, String node) {
        PoolDetails pool = require(name);
        if (pool.pool().memberOf(node).isEmpty()) {
            throw new UnsatisfiableException("node '" + node + "' gives pool '" + name + "' no disk");
        }
        if (pool.owner().node().equals(node)) {
            throw new ConflictException("pool '" + name + "' is owned by " + node + " already");
        }
        Task queued = task("pool.move", pool);
        pools.put(name, details(pool.pool(), node));
        return queued;
    }

    private PoolDetails require(String name) {
        PoolName.require(name);
        PoolDetails pool = pools.get(name);
        if (pool == null) {
            throw new NotFoundException("no pool named '" + name + "'");
        }
        return pool;
    }

    private PoolDetails details(Pool pool, String owner) {
        long epoch = ++epochs;
        PoolStatus status = new PoolStatus(pool.name(), owner, epoch, true, PoolHealth.ONLINE,
                "raidz" + pool.spec().redundancy(), List.of(), ScrubStatus.NONE, 3L << 30, 1L << 20, VolumeBackend.FILE,
                "", CREATED);
        return new PoolDetails(pool, new PoolOwnership(pool.name(), owner, epoch), status);
    }

    private static Task task(String kind, PoolDetails pool) {
        return new Task(UUID.randomUUID().toString(), kind, pool.pool().name(), pool.owner().node(), TaskState.QUEUED, 0,
                "queued on " + pool.owner().node(), null, Instant.now(), Instant.now());
    }
}
