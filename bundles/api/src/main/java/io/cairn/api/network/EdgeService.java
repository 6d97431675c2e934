package io.cairn.api.network;

import java.util.List;

/** Reads EDGE routers. */
public interface EdgeService {
    List<Edge> edges();

    /** @throws io.cairn.api.common.NotFoundException when the network has no EDGE */
    Edge edge(String network);
}
