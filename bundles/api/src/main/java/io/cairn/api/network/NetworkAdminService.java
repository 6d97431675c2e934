package io.cairn.api.network;

/** Changes networks. */
public interface NetworkAdminService {
    /**
     * Records a network and realizes it in the backend.
     *
     * @throws IllegalArgumentException when the spec cannot work (e.g. an MTU the underlay cannot carry)
     * @throws io.cairn.api.common.ConflictException when the name, VNI or tags are in use
     * @throws io.cairn.api.common.UnavailableException when no backend for its kind is installed
     */
    NetworkDetails create(NetworkSpec spec);

    /**
     * Removes a network.
     *
     * @throws io.cairn.api.common.ConflictException while a VM has a NIC on it
     */
    void delete(String name);
}
