package io.cairn.rest.internal;

import io.cairn.api.state.ConsistentStore;
import io.cairn.api.state.StateMembership;
import io.cairn.api.state.StoreHealth;
import io.cairn.web.Services;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import java.util.function.Supplier;

/**
 * /cluster/state: how this node sees the authoritative store (leader, voters, indexes, staleness), and who votes in
 * it: /cluster/state/members lists voters and learners, PUT and DELETE on /cluster/state/voters/{member} change them.
 */
@Path("/cluster/state")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterStateResource {
    private final Supplier<ConsistentStore> store;
    private final Supplier<StateMembership> membership;

    public ClusterStateResource(Supplier<ConsistentStore> store, Supplier<StateMembership> membership) {
        this.store = store;
        this.membership = membership;
    }

    @GET
    public StoreHealth state() {
        return Services.require(store, "the consistent store").health();
    }

    @GET
    @Path("/members")
    public StateMembership.Members members() {
        return Services.require(membership, "the state membership").members();
    }

    @PUT
    @Path("/voters/{member}")
    public StateMembership.Members addVoter(@PathParam("member") String member) {
        return Services.require(membership, "the state membership").addVoter(member);
    }

    @DELETE
    @Path("/voters/{member}")
    public StateMembership.Members removeVoter(@PathParam("member") String member) {
        return Services.require(membership, "the state membership").removeVoter(member);
    }
}
