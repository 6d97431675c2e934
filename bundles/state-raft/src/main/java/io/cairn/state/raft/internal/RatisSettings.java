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
        // (no unsafe flush: it marks entries flushed before FileChannel.force returns)
        RaftServerConfigKeys.Log.setUnsafeFlushEnabled(p, false);
        // (no async flush: it hands the force to another thread; the sync path below is what we measured safe)
        RaftServerConfigKeys.Log.setAsyncFlushEnabled(p, false);
        // group commit without a sync wait: Ratis 3.3.0 has no time-based sync delay; the log worker forces the file
        // as soon as its queue holds no further entry, or after this many unforced entries, so concurrent writes share
        // one fsync and a lone write is forced at once (the default, set so that nobody "tunes" it upward)
        RaftServerConfigKeys.Log.setForceSyncNum(p, 128);
        // small segments: a roll (close, fsync, new file) every few thousand commands, quick recovery scans
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf("8MB"));
        RaftServerConfigKeys.Log.setPreallocatedSize(p, SizeInBytes.valueOf("1MB"));
        // a torn tail after a power loss (never acknowledged) is cut off and logged, not a refusal to start
        RaftServerConfigKeys.Log.setCorruptionPolicy(p, RaftServerConfigKeys.Log.CorruptionPolicy.WARN_AND_RETURN);

        // latency: the appender sends as soon as there is something to send (no minimum wait between appends)...
        RaftServerConfigKeys.Log.Appender.setWaitTimeMin(p, TimeDuration.ZERO);
        // ...and batches what queued meanwhile into one AppendEntries (one follower fsync for the batch)
        RaftServerConfigKeys.Log.Appender.setBufferElementLimit(p, 256);
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, SizeInBytes.valueOf("4MB"));
        // AppendEntries in flight per follower on the gRPC stream, so 64 concurrent writers do not wait for replies
        GrpcConfigKeys.Server.setLeaderOutstandingAppendsMax(p, 128);
        // after errors to a follower (it was down) the appender retries every 250 ms, not Ratis' 5 s: with 5 s
        // a restarted member waited rounds of 5 s for its first entries, pre-voted meanwhile, and its node
        // could not renew its lease (a planned restart measured 17 s from Raft start to a renewed lease)
        RaftServerConfigKeys.Log.Appender.setRetryPolicy(p, "1ms,10, 250ms,1000000000");
        // a follower appends the received entries to its log on the gRPC thread that took them (in stream order)
        // instead of composing the append onto another thread (RATIS-2235/2387): measured 1.2 -> 0.4 ms from
        // AppendEntries received to entries queued for the log worker, because on a 2-core host the compose step runs
        // on CompletableFuture's default executor, which there is a new thread per task. The follower still
        // replies only after its log worker fsynced the entries.
        RaftServerConfigKeys.Log.setAppendEntriesComposeEnabled(p, false);

        // elections: randomized timeout in [failureDetection/2, failureDetection] (a follower that hears no leader
        // for that long starts a pre-vote); heartbeats go at half the minimum. Not shortened for latency: commits do
        // not wait for them, and a shorter timeout only brings elections on a loaded host.
        long max = config.failureDetectionMillis();
        long min = Math.max(200, max / 2);
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, ms(min));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, ms(max));
        // the first election after a start is quicker (nobody can be leader yet)
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, ms(Math.max(150, min / 3)));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, ms(Math.max(300, max / 3)));
        // one server-to-server call (vote, AppendEntries) gives up after this
        RaftServerConfigKeys.Rpc.setRequestTimeout(p, ms(Math.max(1000, max)));
        RaftServerConfigKeys.Rpc.setSlownessTimeout(p, ms(Math.max(10_000, 5 * max)));
        // pre-vote: a member cut off and back cannot depose a working leader by a higher term
        RaftServerConfigKeys.LeaderElection.setPreVote(p, true);
        // a leader that has not heard from a majority for this long steps down
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

        // the client inside this member, for requests to another member (requests to this member's own server go in
        // process, see RatisNode.submitLocal): a short per-attempt timeout, retried (same call id) until the
        // caller's deadline (DeadlineRetry), never after it
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
