package io.cairn.core.internal.security.tls;

import io.cairn.api.security.CertificateAuthorityService;
import io.cairn.api.security.TransportTls;
import io.cairn.core.internal.cluster.ClusterConfig;
import io.cairn.core.internal.cluster.DataDirs;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The node's transport TLS. On the seed (the first member of etc/io.cairn.state.cfg) it creates or loads the cluster
 * CA and registers {@link CertificateAuthorityService}; on any other member without a certificate it enrols with the
 * seed in the background. Once the node holds a checked key, chain and CA it registers {@link TransportTls}.
 */
@Component(immediate = true, configurationPid = ClusterConfig.PID)
public class TlsComponent {
    static final String STATE_PID = "io.cairn.state";
    static final int DEFAULT_REST_PORT = 8443;
    private static final Logger LOG = LoggerFactory.getLogger(TlsComponent.class);

    @Reference
    private ConfigurationAdmin configurations;

    private BundleContext context;
    private ServiceRegistration<TransportTls> tlsRegistration;
    private ServiceRegistration<CertificateAuthorityService> caRegistration;
    private Thread enroller;
    private volatile boolean active;

    @Activate
    void activate(BundleContext bundleContext, TlsConfig config) throws IOException {
        this.context = bundleContext;
        this.active = true;
        TlsDir dir = new TlsDir(DataDirs.cairn().resolve("tls"));
        String node = config.node_name();
        TlsMembers members = members();
        if (!members.isMember(node)) {
            throw new IllegalStateException("node.name '" + node + "' is not among the members of etc/"
                    + STATE_PID + ".cfg (" + String.join(", ", members.names()) + "): no cluster certificate for it");
        }
        Clock clock = Clock.systemUTC();
        if (node.equals(members.seed()) || dir.holdsCa()) {
            List<String> addresses = new ArrayList<>();
            addresses.add(config.bind_address().trim());
            members.host(node).ifPresent(addresses::add);
            CertificateAuthority authority = SeedSetup.run(dir, config.cluster_name(), node, addresses, this::members,
                    clock, Duration.ofHours(config.join_token_ttl_hours()));
            caRegistration = context.registerService(CertificateAuthorityService.class, authority, null);
            registerTransportTls(dir, node, clock);
            return;
        }
        Optional<String> problem = NodeCredentials.problem(dir, node, clock.instant());
        if (problem.isEmpty()) {
            registerTransportTls(dir, node, clock);
            return;
        }
        boolean defaultTokenFile = config.join_token_file().isBlank();
        Path tokenFile = defaultTokenFile ? dir.joinToken() : Path.of(config.join_token_file().trim());
        URI endpoint = config.join_ca_url().isBlank()
                ? URI.create("https://" + hostForUrl(members.host(members.seed()).orElseThrow()) + ":" + DEFAULT_REST_PORT
                        + "/cairn/v1/cluster/certificates")
                : URI.create(config.join_ca_url().trim());
        LOG.info("This node ({}) has no usable cluster certificate ({}); enrolling with the CA at {}", node,
                problem.get(), endpoint);
        enroller = new Thread(new Enroller(dir, node, tokenFile, defaultTokenFile, endpoint, clock,
                () -> registerTransportTls(dir, node, clock)), "cairn-tls-enrolment");
        enroller.setDaemon(true);
        enroller.start();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        active = false;
        if (enroller != null) {
            // outside the lock: the enroller may be about to register
            enroller.interrupt();
            enroller.join(5000);
        }
        unregister();
    }

    private synchronized void unregister() {
        if (tlsRegistration != null) {
            tlsRegistration.unregister();
            tlsRegistration = null;
        }
        if (caRegistration != null) {
            caRegistration.unregister();
            caRegistration = null;
        }
    }

    private synchronized void registerTransportTls(TlsDir dir, String node, Clock clock) {
        Optional<String> problem = NodeCredentials.problem(dir, node, clock.instant());
        if (problem.isPresent()) {
            throw new IllegalStateException("the node's TLS files are not usable: " + problem.get());
        }
        if (tlsRegistration == null && active) {
            tlsRegistration = context.registerService(TransportTls.class, TransportTlsFiles.of(dir), null);
            LOG.info("Transport TLS ready: key {}, chain {}, CA {}", dir.nodeKey(), dir.nodeChain(), dir.caCertificate());
        }
    }

    /** The members of etc/io.cairn.state.cfg, read (never bound) through ConfigurationAdmin, at every call. */
    TlsMembers members() {
        try {
            Configuration[] found = configurations.listConfigurations("(service.pid=" + STATE_PID + ")");
            if (found == null || found.length == 0 || found[0].getProperties() == null) {
                throw new IllegalStateException("no configuration " + STATE_PID + " (etc/" + STATE_PID + ".cfg): "
                        + "the members it lists decide who may hold a cluster certificate");
            }
            Object members = found[0].getProperties().get("members");
            return TlsMembers.parse(members == null ? null : members.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the configuration " + STATE_PID, e);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
