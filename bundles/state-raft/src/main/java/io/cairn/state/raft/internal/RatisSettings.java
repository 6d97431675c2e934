package io.cairn.state.raft.internal;

import io.cairn.state.raft.RaftStoreConfig;
import io.cairn.state.raft.TlsFiles;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ratis properties and parameters for one member: gRPC transport (followers can serve linearizable reads), optional
 * mutual TLS, ReadIndex reads, fsync on, and timings tuned for small, latency-sensitive commits.
 */
public final class RatisSettings {
    /** The Ratis storage root under the data dir; the group's directory is below it. */
    public static final String STORAGE_DIR = "ratis";

    private RatisSettings() {
    }

    public static Path storageRoot(RaftStoreConfig config) {
        return config.dataDir().resolve(STORAGE_DIR);
    }

    public static RaftProperties properties(RaftStoreConfig config) {
        RaftProperties p = new RaftProperties();
        RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
        RaftStoreConfig.Member self = config.self();
        GrpcConfigKeys.Server.setHost(p, config.bindAddress());
        GrpcConfigKeys.Server.setPort(p, self.port());
        RaftServerConfigKeys.setStorageDir(p, List.of(storageRoot(config).toFile()));

        // reads: ReadIndex (a heartbeat round confirms leadership), no lease
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Read.setLeaderLeaseEnabled(p, false);
        RaftServerConfigKeys.Read.setTimeout(p, ms(config.writeTimeoutMillis()));

        // durability: every acknowledged entry is fsynced on a majority
        RaftServerConfigKeys.Log.setUnsafeFlushEnabled(p, false);
        RaftServerConfigKeys.Log.setAsyncFlushEnabled(p, false);
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf("8MB"));
        RaftServerConfigKeys.Log.setPreallocatedSize(p, SizeInBytes.valueOf("1MB"));
        RaftServerConfigKeys.Log.setCorruptionPolicy(p, RaftServerConfigKeys.Log.CorruptionPolicy.WARN_AND_RETURN);

        // latency: the appender sends as soon as there is something to send, and batches what queued meanwhile
        RaftServerConfigKeys.Log.Appender.setWaitTimeMin(p, TimeDuration.ZERO);
        RaftServerConfigKeys.Log.Appender.setBufferElementLimit(p, 256);
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, SizeInBytes.valueOf("4MB"));
        GrpcConfigKeys.Server.setLeaderOutstandingAppendsMax(p, 128);
        // after errors to a follower (it was down) the appender retries every 250 ms, not Ratis' 5 s: with 5 s
        // a restarted member waited rounds of 5 s for its first entries, pre-voted meanwhile, and its node
        // could not renew its lease (a planned restart measured 17 s from Raft start to a renewed lease)
        RaftServerConfigKeys.Log.Appender.setRetryPolicy(p, "1ms,10, 250ms,1000000000");

        // elections: randomized timeout in [failureDetection/2, failureDetection], pre-vote on
        long max = config.failureDetectionMillis();
        long min = Math.max(200, max / 2);
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, ms(min));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, ms(max));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, ms(Math.max(150, min / 3)));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, ms(Math.max(300, max / 3)));
        RaftServerConfigKeys.Rpc.setRequestTimeout(p, ms(Math.max(1000, max)));
        RaftServerConfigKeys.Rpc.setSlownessTimeout(p, ms(Math.max(10_000, 5 * max)));
        RaftServerConfigKeys.LeaderElection.setPreVote(p, true);
        RaftServerConfigKeys.LeaderElection.setLeaderStepDownWaitTime(p, ms(max));

        // no extra metadata entry (the commit index) after each commit: it doubled the entries to fsync
        RaftServerConfigKeys.Log.setLogMetadataEnabled(p, false);

        // snapshots: every snapshotInterval entries, two kept; the log is purged only up to what every follower
        // has (so a member that was down catches up from the log, not by a snapshot install)
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, config.snapshotInterval());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, false);
        RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(Integer.MAX_VALUE, Math.max(1, config.snapshotInterval())));

        // the client inside this member: a short per-attempt timeout, retried (same call id) until the caller's
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, ms(Math.max(1000, Math.min(3000, config.writeTimeoutMillis() / 2))));
        return p;
    }

    /** gRPC parameters: mutual TLS on server, client and admin channels when {@code tls} is given. */
    public static Parameters parameters(TlsFiles tls) {
        Parameters params = new Parameters();
        if (tls != null) {
            tls.checkReadable();
            GrpcTlsConfig conf = new GrpcTlsConfig(tls.privateKey().toFile(), tls.certificateChain().toFile(),
                    tls.trustedCa().toFile(), true);
            GrpcConfigKeys.TLS.setConf(params, conf);
            GrpcConfigKeys.Server.setTlsConf(params, conf);
            GrpcConfigKeys.Client.setTlsConf(params, conf);
            GrpcConfigKeys.Admin.setTlsConf(params, conf);
        }
        return params;
    }

    static TimeDuration ms(long millis) {
        return TimeDuration.valueOf(millis, TimeUnit.MILLISECONDS);
    }
}
