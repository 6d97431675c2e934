package io.cairn.state.raft;

import io.cairn.state.raft.internal.MatchCheckedRaft;
import io.cairn.state.raft.internal.RaftWatch;
import io.cairn.state.raft.internal.VoterElection;

/**
 * The JGroups protocol stack, generated from the configuration (no external XML file, nothing read from the
 * filesystem): TCP with a static TCPPING member list, failure detection, reliable delivery, GMS, NO_DUPES (refuses a
 * second member with the same raft id), RaftWatch, VoterElection (ELECTION2: pre-vote, coordinated by a voter), RAFT with the fsynced file log, REDIRECT.
 *
 * <p>Not {@code send_commits_immediately}: with a member that lags (e.g. joined after the election) the leader and
 * that member ping-pong empty commit messages, the RAFT queue never idles, the resend timer never fires and the
 * member never receives entries (seen with jgroups-raft 1.1.4).
 */
final class StackXml {
    private StackXml() {
    }

    static String build(RaftStoreConfig c) {
        return build(c, c.voters());
    }

    /** @param voters the voting members to start with (the log's membership entries, replayed at start, win) */
    static String build(RaftStoreConfig c, java.util.List<String> voters) {
        StringBuilder hosts = new StringBuilder();
        for (RaftStoreConfig.Member m : c.members()) {
            if (hosts.length() > 0) {
                hosts.append(',');
            }
            hosts.append(m.host()).append('[').append(m.port()).append(']');
        }
        long fd = c.failureDetectionMillis();
        long fdInterval = Math.max(200, fd / 3);
        return "<config xmlns=\"urn:org:jgroups\">\n"
                + "  <TCP bind_addr=\"" + esc(c.bindAddress()) + "\" bind_port=\"" + c.port() + "\" port_range=\"0\""
                + " diag.enabled=\"false\" thread_pool.min_threads=\"2\" thread_pool.max_threads=\"64\""
                + " sock_conn_timeout=\"500\" tcp_nodelay=\"true\""
                // a peer that is cut off or paused must not block sends to the others
                + " non_blocking_sends=\"true\" max_send_queue=\"512\"/>\n"
                + "  <TCPPING initial_hosts=\"" + esc(hosts.toString()) + "\" port_range=\"0\""
                + " send_cache_on_join=\"true\"/>\n"
                + "  <MERGE3 min_interval=\"2000\" max_interval=\"5000\"/>\n"
                + "  <FD_SOCK2/>\n"
                + "  <FD_ALL3 timeout=\"" + fd + "\" interval=\"" + fdInterval + "\"/>\n"
                + "  <VERIFY_SUSPECT2 timeout=\"500\"/>\n"
                + "  <pbcast.NAKACK2 use_mcast_xmit=\"false\" xmit_interval=\"200\" discard_delivered_msgs=\"true\"/>\n"
                + "  <UNICAST3 xmit_interval=\"200\" conn_expiry_timeout=\"0\"/>\n"
                + "  <pbcast.STABLE desired_avg_gossip=\"20000\" max_bytes=\"4M\"/>\n"
                + "  <raft.NO_DUPES/>\n"
                + "  <pbcast.GMS print_local_addr=\"false\" join_timeout=\"5000\" leave_timeout=\"500\""
                + " max_join_attempts=\"0\"/>\n"
                + "  <FRAG4 frag_size=\"60000\"/>\n"
                + "  <" + RaftWatch.class.getName() + "/>\n"
                + "  <" + VoterElection.class.getName() + " vote_timeout=\"500\"/>\n"
                + "  <" + MatchCheckedRaft.class.getName() + " members=\"" + esc(String.join(",", voters)) + "\" raft_id=\"" + esc(c.member()) + "\""
                + " log_class=\"org.jgroups.protocols.raft.FileBasedLog\""
                + " log_dir=\"" + esc(c.dataDir().toAbsolutePath().toString()) + "\" log_prefix=\"" + esc(c.member()) + "\""
                + " log_use_fsync=\"true\" max_log_size=\"1000000000\" dynamic_view_changes=\"true\""
                + " resend_interval=\"200\"/>\n"
                + "  <raft.REDIRECT/>\n"
                + "</config>\n";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
