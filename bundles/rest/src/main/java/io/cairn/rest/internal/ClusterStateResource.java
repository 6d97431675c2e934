package io.cairn.rest.internal;

import io.cairn.api.node.NodeActivityService;
import io.cairn.api.node.NodeDriver;
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
import java.util.List;
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
    private final Supplier<NodeActivityService> activity;

    public ClusterStateResource(Supplier<ConsistentStore> store, Supplier<StateMembership> membership,
                                Supplier<NodeActivityService> activity) {
        this.store = store;
        this.membership = membership;
        this.activity = activity;
    }

    /**
     * The store's health as this node sees it, how many reconcile passes this node has run, and the
     * drivers it has bound (which one it uses, and whether each can work on this host).
     */
    public record ClusterState(String member, String leader, List<String> voters, boolean writable, long commitIndex,
                               long appliedIndex, long stalenessMillis, Long reconcilePasses, List<NodeDriver> drivers) {
    }

    @GET
    public ClusterState state() {
        StoreHealth h = Services.require(store, "the consistent store").health();
        NodeActivityService a = activity.get();
        return new ClusterState(h.member(), h.leader(), h.voters(), h.writable(), h.commitIndex(), h.appliedIndex(),
                h.stalenessMillis(), a == null ? null : a.activity().reconcilePasses(),
                a == null ? List.of() : a.drivers());
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
