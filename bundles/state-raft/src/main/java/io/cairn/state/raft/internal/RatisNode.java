package io.cairn.state.raft.internal;

import io.cairn.state.raft.RaftStoreConfig;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientAsynchronousProtocol;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Ratis server of this member and the client it submits through. The server formats its storage on the first
 * start and recovers it afterwards (the group directory exists); both are built and started with the bundle's
 * class loader as context class loader.
 */
public final class RatisNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RatisNode.class);

    private final RaftServer server;
    private final RaftClient client;
    private final RaftPeerId selfId;

    private RatisNode(RaftServer server, RaftClient client, RaftPeerId selfId) {
        this.server = server;
        this.client = client;
        this.selfId = selfId;
    }

    public static RatisNode start(RaftStoreConfig config, KvStateMachine sm) {
        return Tccl.call(() -> {
            RaftServer server = null;
            try {
                Path root = RatisSettings.storageRoot(config);
                Path groupDir = root.resolve(RatisPeers.GROUP_ID.getUuid().toString());
                boolean existing = Files.isDirectory(groupDir);
                Files.createDirectories(root);
                RaftProperties props = RatisSettings.properties(config);
                Parameters params = RatisSettings.parameters(config.tls());
                RaftGroup group = RatisPeers.seedGroup(config);
                RaftPeerId self = RatisPeers.id(config.member());
                server = RaftServer.newBuilder()
                        .setServerId(self)
                        .setGroup(group)
                        .setStateMachine(sm)
                        .setProperties(props)
                        .setParameters(params)
                        .setOption(existing ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                        .build();
                server.start();
                RaftClient client = RaftClient.newBuilder()
                        .setClientId(ClientId.randomId())
                        .setRaftGroup(group)
                        .setProperties(props)
                        .setParameters(params)
                        .setRetryPolicy(new DeadlineRetry())
                        .build();
                LOG.info("Raft member {} started ({} storage in {}), seed group {}", config.member(),
                        existing ? "recovered" : "new", groupDir, group.getPeers());
                return new RatisNode(server, client, self);
            } catch (IOException | RuntimeException e) {
                if (server != null) {
                    closeQuietly(server, config.member());
                }
                throw new IllegalStateException("cannot start Raft member " + config.member() + ": "
                        + RaftErrors.rootMessage(e), e);
            }
        });
    }

    public RaftServer.Division division() {
        try {
            return server.getDivision(RatisPeers.GROUP_ID);
        } catch (IOException e) {
            throw new IllegalStateException("the Raft group is not on this server: " + e.getMessage(), e);
        }
    }

    /**
     * Hands a client request to this member's own server, in process: the same entry point Ratis' gRPC client service
     * calls for a request that arrives over the network ({@code submitClientRequestAsync}: retry cache, leader check,
     * append, commit by a current-term majority after fsync, apply; ReadIndex for reads), without the two gRPC
     * traversals of loopback. The division takes it on the calling thread; the server, on its client executor.
     */
    public CompletableFuture<RaftClientReply> submitLocal(RaftClientRequest request) throws IOException {
        RaftServer.Division d = division();
        return d instanceof RaftClientAsynchronousProtocol direct ? direct.submitClientRequestAsync(request)
                : server.submitClientRequestAsync(request);
    }

    public RaftClient client() {
        return client;
    }

    public RaftPeerId selfId() {
        return selfId;
    }

    @Override
    public void close() {
        Tccl.run(() -> {
            try {
                client.close();
            } catch (IOException e) {
                LOG.warn("closing the Raft client of {} failed: {}", selfId, e.getMessage());
            }
            closeQuietly(server, selfId.toString());
        });
    }

    private static void closeQuietly(RaftServer server, String member) {
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("closing the Raft server of {} failed: {}", member, e.getMessage());
        }
    }
}
