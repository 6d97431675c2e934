package io.cairn.core.internal.network;

import io.cairn.api.network.Edge;
import io.cairn.core.internal.fencing.LeaseExpiryHandler;
import io.cairn.api.state.StoreOp;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@link LeaseExpiryHandler}: adds to the expiry commit the move of the dead node's EDGE routers to
 * the live nodes with the fewest EDGEs (each move conditional on the epoch read, so it raises it).
 */
@Component(service = LeaseExpiryHandler.class)
public class EdgeFailover implements LeaseExpiryHandler {
    @Reference
    private EdgeStore edges;

    @Override
    public List<String> onExpiry(String dead, Set<String> liveNodes, List<StoreOp> ops) {
        List<Edge> all = edges.listLocal();
        Map<String, Integer> load = new HashMap<>();
        Set<String> candidates = new TreeSet<>(liveNodes);
        candidates.remove(dead);
        candidates.forEach(n -> load.put(n, 0));
        all.stream().filter(e -> load.containsKey(e.owner())).forEach(e -> load.merge(e.owner(), 1, Integer::sum));
        List<String> moved = new ArrayList<>();
        for (Edge edge : all) {
            if (!edge.owner().equals(dead) || candidates.isEmpty()) {
                continue;
            }
            String target = candidates.stream().min((a, b) -> load.get(a) - load.get(b)).orElseThrow();
            ops.add(edges.move(edge, target));
            load.merge(target, 1, Integer::sum);
            moved.add("EDGE " + edge.spec().network() + " -> " + target);
        }
        return moved;
    }
}
