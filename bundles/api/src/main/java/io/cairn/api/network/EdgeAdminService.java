package io.cairn.api.network;

/** Changes EDGE routers. */
public interface EdgeAdminService {
    /**
     * Gives a network its EDGE router, owned by a live node.
     *
     * @throws IllegalArgumentException when the network cannot have one (not an overlay, no subnet) or a
     *                                  forward targets an address outside the network
     * @throws io.cairn.api.common.ConflictException when the network has one already
     */
    Edge create(EdgeSpec spec);

    /** @throws IllegalArgumentException when the target is outside the network; ConflictException when the port is taken */
    Edge addForward(String network, PortForward forward);

    /** @throws io.cairn.api.common.NotFoundException when there is no such forward */
    Edge removeForward(String network, String protocol, int port);

    void delete(String network);
}
