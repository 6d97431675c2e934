package io.cairn.core.internal.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's embedded Hazelcast member: soft state only (membership, heartbeats, statuses,
 * caches). Authoritative state never lives here. TCP/IP join with a fixed member list; no
 * multicast, no auto-detection, no phone-home.
 */
@Component(service = ClusterMember.class, configurationPid = ClusterConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = ClusterConfig.class)
public class ClusterMember {
    /** Member attribute carrying the Cairn node name. */
    public static final String NODE_ATTRIBUTE = "cairn.node";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterMember.class);

    private ClusterSettings settings;
    private HazelcastInstance hazelcast;

    @Activate
    void activate(ClusterConfig config) {
        settings = ClusterSettings.from(config);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(Config.class.getClassLoader());
        try {
            hazelcast = Hazelcast.newHazelcastInstance(hazelcastConfig(settings));
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        LOG.info("Node {} joined cluster '{}' on {}:{} with {} member(s) present", settings.nodeName(),
                settings.clusterName(), settings.bindAddress(), settings.port(),
                hazelcast.getCluster().getMembers().size());
    }

    @Deactivate
    void deactivate() {
        if (hazelcast != null) {
            hazelcast.getLifecycleService().terminate();
        }
    }

    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    public ClusterSettings settings() {
        return settings;
    }

    static Config hazelcastConfig(ClusterSettings settings) {
        Config config = new Config();
        config.setClusterName(settings.clusterName());
        config.setInstanceName("cairn-" + settings.nodeName());
        config.setClassLoader(ClusterMember.class.getClassLoader());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.graceful.shutdown.max.wait", "5");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
        config.setProperty("hazelcast.socket.bind.any", "false");
        // soft state only: an operation stuck on an unreachable partition owner must fail soon
        config.setProperty("hazelcast.operation.call.timeout.millis", "5000");
        config.setProperty("hazelcast.health.monitoring.level", "OFF");
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
        config.setProperty("hazelcast.local.localAddress", settings.bindAddress());
        config.getMemberAttributeConfig().setAttribute(NODE_ATTRIBUTE, settings.nodeName());
        config.getJetConfig().setEnabled(false);

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.port()).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(settings.bindAddress());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2);
        for (String member : settings.members()) {
            join.getTcpIpConfig().addMember(member + ":" + settings.port());
        }
        return config;
    }
}
