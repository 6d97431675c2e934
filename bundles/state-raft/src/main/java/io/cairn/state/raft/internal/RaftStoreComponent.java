package io.cairn.state.raft.internal;

import io.cairn.api.security.TransportTls;
import io.cairn.api.state.ConsistentStore;
import io.cairn.api.state.StateMembership;
import io.cairn.state.raft.RaftStore;
import io.cairn.state.raft.RaftStoreConfig;
import io.cairn.state.raft.TlsFiles;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Hashtable;

/**
 * Starts this node's Raft store member from Config Admin PID {@code io.cairn.state} ({@code etc/io.cairn.state.cfg})
 * and registers it as a {@link ConsistentStore} and {@link StateMembership} service once started. A changed
 * configuration, or a {@link TransportTls} service appearing or going, restarts the member.
 *
 * <p>Starting can take a while, so the member is started on its own thread and the service is registered
 * afterwards (the component itself provides no service, so consumers simply wait for ConsistentStore).
 */
@Component(name = "io.cairn.state", configurationPid = "io.cairn.state", configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true)
@Designate(ocd = RaftStoreComponent.Config.class)
public class RaftStoreComponent {
    private static final Logger LOG = LoggerFactory.getLogger(RaftStoreComponent.class);

    @ObjectClassDefinition(name = "Cairn authoritative state (Raft)",
            description = "Embedded Apache Ratis member holding specs, ownership and credentials")
    public @interface Config {
        @AttributeDefinition(description = "This node's Raft id; must be a name in 'members'")
        String member();

        @AttributeDefinition(name = "bind.address", required = false,
                description = "Local address of the Raft (gRPC) server; default: this member's host in 'members'")
        String bind_address() default "";

        @AttributeDefinition(description = "TCP port of the Raft server; must match this member's entry")
        int port() default RaftStoreConfig.DEFAULT_PORT;

        @AttributeDefinition(description = "All members as NAME=HOST:PORT, comma separated, e.g. "
                + "n1=10.99.0.11:7800,n2=10.99.0.12:7800,n3=10.99.0.13:7800")
        String members();

        @AttributeDefinition(required = false,
                description = "Voting members (1, 3 or 5 names); default: the first three members. Others are learners")
        String voters() default "";

        @AttributeDefinition(name = "data.dir", description = "Directory of the fsynced log and snapshots")
        String data_dir() default "${karaf.data}/cairn/raft";

        @AttributeDefinition(name = "write.timeout.ms", description = "Write timeout before 'outcome unknown'")
        long write_timeout_ms() default RaftStoreConfig.DEFAULT_WRITE_TIMEOUT_MILLIS;

        @AttributeDefinition(name = "leader.wait.ms", description = "How long a request waits for a leader before failing")
        long leader_wait_ms() default RaftStoreConfig.DEFAULT_LEADER_WAIT_MILLIS;

        @AttributeDefinition(name = "failure.detection.ms",
                description = "Upper bound of the election timeout: how long followers wait for a silent leader")
        long failure_detection_ms() default RaftStoreConfig.DEFAULT_FAILURE_DETECTION_MILLIS;

        @AttributeDefinition(name = "snapshot.interval", description = "Snapshot and purge the log every N entries")
        long snapshot_interval() default RaftStoreConfig.DEFAULT_SNAPSHOT_INTERVAL;

        @AttributeDefinition(name = "tls.required",
                description = "Refuse to start the store without a TransportTls service (mutual TLS on the Raft "
                        + "transport); false only for a lab cluster on a private network")
        boolean tls_required() default true;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.STATIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TransportTls tls;

    private volatile RaftStore store;
    private volatile ServiceRegistration<?> registration;
    private volatile boolean deactivated;
    private Thread starter;

    private BundleContext context;
    private RaftStoreConfig config;

    @Activate
    void activate(Config cfg, BundleContext context) {
        this.context = context;
        TransportTls t = tls;
        if (t == null && cfg.tls_required()) {
            LOG.error("Raft store member {} not started: tls.required=true and no TransportTls service (this node"
                    + " has no cluster certificate yet)", cfg.member());
            return;
        }
        if (t == null) {
            LOG.warn("Raft store member {}: no TransportTls service, the Raft transport runs without TLS"
                    + " (tls.required=false)", cfg.member());
        }
        this.config = toConfig(cfg).withTls(t == null ? null
                : new TlsFiles(t.privateKey(), t.certificateChain(), t.trustedCa()));
        startInBackground();
    }

    private synchronized void startInBackground() {
        starter = new Thread(() -> {
            for (int attempt = 1; !deactivated; attempt++) {
                try {
                    RaftStore s = RaftStore.start(config);
                    synchronized (this) {
                        if (deactivated) {
                            s.close();
                            return;
                        }
                        store = s;
                        Hashtable<String, Object> props = new Hashtable<>();
                        props.put("cairn.state.member", config.member());
                        props.put("cairn.state.engine", "ratis");
                        props.put("cairn.state.tls", config.tls() != null);
                        registration = context.registerService(new String[] {ConsistentStore.class.getName(),
                                StateMembership.class.getName()}, s, props);
                    }
                    return;
                } catch (RuntimeException e) {
                    LOG.error("Raft store member {} did not start (attempt {}), retrying in 3 s: {}", config.member(),
                            attempt, e.getMessage());
                    LOG.debug("start failure", e);
                }
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "cairn-raft-start-" + config.member());
        starter.setDaemon(true);
        starter.start();
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            deactivated = true;
            if (starter != null) {
                starter.interrupt();
            }
            RaftStore s = store;
            ServiceRegistration<?> reg = registration;
            store = null;
            registration = null;
            if (reg != null) {
                try {
                    reg.unregister();
                } catch (IllegalStateException e) {
                    LOG.debug("store service already unregistered: {}", e.getMessage());
                }
            }
            if (s != null) {
                s.close();
            }
        }
    }

    static RaftStoreConfig toConfig(Config cfg) {
        String dir = cfg.data_dir();
        String karafData = System.getProperty("karaf.data", "data");
        dir = dir.replace("${karaf.data}", karafData);
        return new RaftStoreConfig(cfg.member(), cfg.bind_address(), cfg.port(),
                RaftStoreConfig.parseMembers(cfg.members()), RaftStoreConfig.parseVoters(cfg.voters()), Path.of(dir),
                cfg.write_timeout_ms(), cfg.leader_wait_ms(), cfg.failure_detection_ms(), cfg.snapshot_interval(), 0,
                null);
    }
}
