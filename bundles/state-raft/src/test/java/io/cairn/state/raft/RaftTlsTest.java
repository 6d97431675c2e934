package io.cairn.state.raft;

import io.cairn.api.state.StoreOp;
import io.cairn.state.raft.internal.RatisPeers;
import io.cairn.state.raft.internal.RatisSettings;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Mutual TLS on the Raft transport: members of one CA commit; a peer with another CA's certificate, or none, cannot. */
class RaftTlsTest {

    @Test
    void membersWithClusterCertificatesCommitAndOthersCannotConnect(@TempDir Path dir) throws Exception {
        TestCa ca = TestCa.create(dir.resolve("pki"), "cluster");
        TlsFiles[] files = {ca.issue("n1"), ca.issue("n2"), ca.issue("n3")};
        TestCa rogueCa = TestCa.create(dir.resolve("rogue-pki"), "rogue");
        TlsFiles rogue = rogueCa.issue("n1"); // even the right name and address, but the wrong CA
        try (TestCluster c = new TestCluster(dir, 3).withTls(i -> files[i]).startAll()) {
            long v = c.stores[0].put("tls/a", "1", StoreOp.ABSENT);
            for (RaftStore s : c.stores) {
                assertEquals(v, s.get("tls/a").orElseThrow().version(), "on " + s.config().member());
            }
            assertTrue(c.leader().health().writable());

            RaftStoreConfig rogueConfig = c.config(0).withTls(rogue);
            assertRefused(rogueConfig, RatisSettings.parameters(rogue), "a certificate of another CA");
            assertRefused(rogueConfig, RatisSettings.parameters(null), "no TLS at all");
            for (RaftStore s : c.stores) {
                assertFalse(s.get("tls/rogue").isPresent(), "a rogue write committed, seen on " + s.config().member());
            }
        }
    }

    private static void assertRefused(RaftStoreConfig config, org.apache.ratis.conf.Parameters params, String what)
            throws IOException {
        try (RaftClient client = RaftClient.newBuilder()
                .setClientId(ClientId.randomId())
                .setRaftGroup(RatisPeers.seedGroup(config))
                .setProperties(RatisSettings.properties(config))
                .setParameters(params)
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(3,
                        org.apache.ratis.util.TimeDuration.valueOf(100, java.util.concurrent.TimeUnit.MILLISECONDS)))
                .build()) {
            byte[] cmd = io.cairn.state.raft.internal.Codec.write(UUID.randomUUID(),
                    List.of(StoreOp.put("tls/rogue", "x", StoreOp.ANY)));
            RaftClientReply reply = client.io().send(Message.valueOf(ByteString.copyFrom(cmd)));
            if (reply.isSuccess()) {
                fail("a client with " + what + " committed a write");
            }
        } catch (IOException e) {
            String all = chain(e);
            assertTrue(all.contains("SSL") || all.contains("TLS") || all.contains("ssl") || all.contains("certificate")
                    || all.contains("UNAVAILABLE") || all.contains("handshake") || all.contains("Connection"),
                    "a client with " + what + " failed, but not at TLS: " + all);
            System.out.println("refused, " + what + ": " + all);
        }
    }

    private static String chain(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable x = t; x != null; x = x.getCause()) {
            b.append(x.getClass().getSimpleName()).append(": ").append(x.getMessage()).append(" / ");
        }
        return b.toString();
    }
}
