package io.cairn.transfer.internal;

import io.cairn.api.node.NodeInfo;
import io.cairn.api.node.NodeService;
import io.cairn.api.security.TransportTls;
import io.cairn.api.transfer.TransferService;
import io.cairn.api.transfer.TransferSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's transfer channel: serves the {@link TransferSource} whiteboard on its cluster address
 * (NodeService's first address of this node) at the configured port, and opens streams from other
 * nodes at their cluster address. Both ends authenticate with the node's {@link TransportTls}
 * credentials; until the node holds them nothing is served or opened, so no stream flows unauthenticated.
 */
@Component(service = TransferService.class, immediate = true, configurationPid = TransferConfig.PID)
@Designate(ocd = TransferConfig.class)
public class TransferComponent implements TransferService {
    private static final Logger LOG = LoggerFactory.getLogger(TransferComponent.class);

    @Reference
    private NodeService nodes;
    /** Registered by core once the node is enrolled (often after this component started): bound dynamically. */
    private TransportTls tls;

    private final Map<String, TransferSource> sources = new ConcurrentHashMap<>();
    private TransferSettings settings;
    private volatile TransferServer server;
    private volatile TransferClient client;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindSource(TransferSource source) {
        TransferSource before = sources.putIfAbsent(source.channel(), source);
        if (before != null && before != source) {
            LOG.warn("Transfer channel '{}' is served already by {}; {} is ignored", source.channel(),
                    before.getClass().getName(), source.getClass().getName());
        }
    }

    void unbindSource(TransferSource source) {
        sources.remove(source.channel(), source);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindTls(TransportTls credentials) {
        tls = credentials;
        if (settings != null) {
            restart();
        }
    }

    synchronized void unbindTls(TransportTls credentials) {
        if (tls == credentials) {
            tls = null;
            if (settings != null) {
                restart();
            }
        }
    }

    @Activate
    synchronized void activate(TransferConfig config) {
        settings = TransferSettings.from(config);
        restart();
    }

    @Deactivate
    synchronized void deactivate() {
        stop();
        settings = null;
    }

    /** (Re)starts both ends with the current credentials; without them nothing is served or opened. */
    private void restart() {
        stop();
        if (tls == null) {
            LOG.warn("Transfer channel not started: this node holds no cluster certificate yet (TransportTls); it starts "
                    + "once the node is enrolled, and until then no stream is served or opened");
            return;
        }
        SSLContext context = TlsContexts.of(tls.privateKey(), tls.certificateChain(), tls.trustedCa());
        NodeInfo self = nodes.localNode();
        InetSocketAddress bind = new InetSocketAddress(self.addresses().get(0), settings.port());
        try {
            server = new TransferServer(context, self.name(), bind, sources::get, settings);
        } catch (IOException e) {
            throw new UncheckedIOException("the transfer channel cannot listen on " + bind + ": " + e.getMessage(), e);
        }
        client = new TransferClient(context, settings);
    }

    private void stop() {
        TransferServer s = server;
        TransferClient c = client;
        server = null;
        client = null;
        if (s != null) {
            s.close();
        }
        if (c != null) {
            c.close();
        }
    }

    @Override
    public InputStream open(String node, String channel, String resource, Duration timeout) {
        if (channel == null || channel.isBlank() || resource == null || resource.isBlank()) {
            throw new IllegalArgumentException("a transfer names its channel and resource");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        TransferClient c = client;
        if (c == null) {
            throw new UncheckedIOException(new IOException("the transfer channel of node " + nodes.localNode().name()
                    + " is not started: it holds no cluster certificate yet"));
        }
        NodeInfo peer = nodes.node(node).orElseThrow(() -> new IllegalArgumentException("no node named '" + node + "'"));
        if (peer.addresses().isEmpty()) {
            throw new UncheckedIOException(new IOException("node " + node + " has no cluster address"));
        }
        return c.open(node, new InetSocketAddress(peer.addresses().get(0), settings.port()), channel, resource,
                timeout);
    }
}
