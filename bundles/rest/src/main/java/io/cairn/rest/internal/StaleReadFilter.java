package io.cairn.rest.internal;

import io.cairn.api.state.ConsistentStore;
import io.cairn.api.state.StoreHealth;

import javax.ws.rs.HttpMethod;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.ext.Provider;
import java.util.function.Supplier;

/**
 * Marks every read answered while this node is cut off from the majority, a 404 as much as a
 * 200 (a stale replica can miss an acknowledged VM): such an answer may come from the node's own
 * replica, the only case in which Cairn answers from it, so it carries {@code Cairn-Stale-Read}
 * with how old that replica may be. A node that reaches a majority answers linearizably or with
 * 503, and gets no header.
 */
@Provider
public class StaleReadFilter implements ContainerResponseFilter {
    static final String HEADER = "Cairn-Stale-Read";
    private final Supplier<ConsistentStore> store;

    public StaleReadFilter(Supplier<ConsistentStore> store) {
        this.store = store;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!HttpMethod.GET.equals(request.getMethod()) || response.getStatus() >= 500) {
            return;
        }
        ConsistentStore s = store.get();
        if (s == null) {
            return;
        }
        StoreHealth h = s.health();
        if (!h.writable()) {
            response.getHeaders().putSingle(HEADER, h.stalenessMillis() < 0
                    ? "this node is cut off from the majority and has heard no leader; its replica's age is unknown"
                    : "this node is cut off from the majority; its replica may be " + h.stalenessMillis()
                      + " ms old");
        }
    }
}
