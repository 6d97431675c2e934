package io.cairn.rest.internal;

import io.cairn.api.state.ConsistentStore;
import io.cairn.api.state.StoreHealth;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import java.util.function.Supplier;

/** /cluster/state: how this node sees the authoritative store (leader, voters, indexes, staleness). */
@Path("/cluster/state")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterStateResource {
    private final Supplier<ConsistentStore> store;

    public ClusterStateResource(Supplier<ConsistentStore> store) {
        this.store = store;
    }

    @GET
    public StoreHealth state() {
        return Services.require(store, "the consistent store").health();
    }
}
