/**
 * Node-to-node streams: an authenticated channel (mutual TLS with the nodes' cluster certificates) with
 * backpressure both ways. A node serves named {@link io.cairn.api.transfer.TransferSource}s (a whiteboard
 * of DS services); another node opens a stream of one of them through {@link io.cairn.api.transfer.TransferService}.
 * It carries images between pools ({@code zfs send | zfs receive}) and later replication and the console relay.
 */
@Version("1.0.0")
package io.cairn.api.transfer;

import org.osgi.annotation.versioning.Version;
