package io.cairn.api.network;

import java.util.List;

/** Reads networks. */
public interface NetworkService {
    /** Every network, by name. */
    List<NetworkDetails> list();

    /** @throws io.cairn.api.common.NotFoundException when there is no such network */
    NetworkDetails get(String name);
}
