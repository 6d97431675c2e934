/**
 * Virtual networks: GENEVE overlays, 802.1Q VLANs, 802.1ad QinQ and isolated networks across the
 * cluster's nodes, with their MTU and subnet; what REST, SOAP and the shell call
 * ({@link io.cairn.api.network.NetworkService}, {@link io.cairn.api.network.NetworkAdminService}) and
 * the SPI a network backend implements ({@link io.cairn.api.network.NetworkDriver}).
 */
@Version("1.0.0")
package io.cairn.api.network;

import org.osgi.annotation.versioning.Version;
