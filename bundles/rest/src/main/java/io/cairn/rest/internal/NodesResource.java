package io.cairn.rest.internal;

import io.cairn.api.node.NodeInfo;
import io.cairn.api.node.NodeService;
import io.cairn.web.RequestNames;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import java.util.List;

/** /nodes: the cluster's nodes as this node sees them. */
@Path("/nodes")
@Produces(MediaType.APPLICATION_JSON)
public class NodesResource {
    private final NodeService nodes;

    public NodesResource(NodeService nodes) {
        this.nodes = nodes;
    }

    @GET
    public List<NodeInfo> list() {
        return nodes.nodes();
    }

    @GET
    @Path("/{name}")
    public NodeInfo get(@PathParam("name") String name) {
        return nodes.node(RequestNames.require("node", name)).orElseThrow(() -> RequestNames.notFound("node", name));
    }
}
