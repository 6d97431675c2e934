package io.cairn.state.raft;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Configuration of one member of the Raft store.
 *
 * @param member              this node's Raft id (a name from {@code members})
 * @param bindAddress         the local address the Raft (gRPC) server binds to, e.g. 10.99.0.11 or 127.0.0.1
 * @param port                the Raft server's TCP port; must equal this member's port in {@code members}
 * @param members             every member (voters and non-voting learners), in order
 * @param voters              the voting members: 1, 3 or 5 names from {@code members}
 * @param dataDir             directory for the fsynced log and snapshots of this member
 * @param writeTimeoutMillis  how long a write waits for its commit before failing with "outcome unknown"
 * @param leaderWaitMillis    how long a request waits for a leader to be elected before failing fast
 * @param failureDetectionMillis how long followers wait for a silent leader before electing another: the upper
 *                            bound of Ratis' randomized election timeout (the lower bound is half of it)
 * @param snapshotInterval    take a snapshot and truncate the log every this many applied entries
 * @param dedupCapacity       how many request ids the state machine remembers for idempotent retries
 * @param tls                 PEM files for mutual TLS on the Raft transport, or null for plain gRPC
 */
public record RaftStoreConfig(String member, String bindAddress, int port, List<Member> members, List<String> voters,
                              Path dataDir, long writeTimeoutMillis, long leaderWaitMillis,
                              long failureDetectionMillis, long snapshotInterval, int dedupCapacity, TlsFiles tls) {

    public static final int DEFAULT_PORT = 7800;
    public static final long DEFAULT_WRITE_TIMEOUT_MILLIS = 5_000;
    public static final long DEFAULT_LEADER_WAIT_MILLIS = 1_000;
    public static final long DEFAULT_FAILURE_DETECTION_MILLIS = 3_000;
    public static final long DEFAULT_SNAPSHOT_INTERVAL = 10_000;
    public static final int DEFAULT_DEDUP_CAPACITY = 10_000;

    /** One member of the cluster. */
    public record Member(String name, String host, int port) {
        public Member {
            if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}")) {
                throw new IllegalArgumentException("member name '" + name
                        + "' must be 1-63 characters of letters, digits, '.', '_' or '-'");
            }
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("member " + name + " needs a host, as in " + name + "=10.99.0.11:7800");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("member " + name + " has port " + port + ", must be 1-65535");
            }
        }

        @Override
        public String toString() {
            return name + "=" + host + ":" + port;
        }
    }

    public RaftStoreConfig {
        if (member == null || member.isBlank()) {
            throw new IllegalArgumentException("member (this node's Raft id) is required, e.g. member=n1");
        }
        if (members == null || members.isEmpty()) {
            throw new IllegalArgumentException("members is required, e.g. members=n1=10.99.0.11:7800,n2=10.99.0.12:7800,n3=10.99.0.13:7800");
        }
        members = List.copyOf(members);
        Set<String> names = new HashSet<>();
        Set<String> endpoints = new HashSet<>();
        for (Member m : members) {
            if (!names.add(m.name())) {
                throw new IllegalArgumentException("member " + m.name() + " is listed twice in members");
            }
            if (!endpoints.add(m.host() + ":" + m.port())) {
                throw new IllegalArgumentException("two members use " + m.host() + ":" + m.port());
            }
        }
        if (!names.contains(member)) {
            throw new IllegalArgumentException("member " + member + " is not in members " + members
                    + ": add '" + member + "=HOST:PORT' to members");
        }
        if (voters == null || voters.isEmpty()) {
            voters = defaultVoters(members);
        }
        voters = List.copyOf(voters);
        if (voters.size() != 1 && voters.size() != 3 && voters.size() != 5) {
            throw new IllegalArgumentException("voters must name 1, 3 or 5 members (an odd number, as Raft needs a"
                    + " majority), got " + voters.size() + ": " + voters);
        }
        if (new HashSet<>(voters).size() != voters.size()) {
            throw new IllegalArgumentException("voters lists a member twice: " + voters);
        }
        for (String v : voters) {
            if (!names.contains(v)) {
                throw new IllegalArgumentException("voter " + v + " is not in members " + members);
            }
        }
        Member self = members.stream().filter(m -> m.name().equals(member)).findFirst().orElseThrow();
        if (port == 0) {
            port = self.port();
        }
        if (port != self.port()) {
            throw new IllegalArgumentException("port " + port + " differs from this member's entry " + self
                    + " in members; other members connect to " + self.port());
        }
        if (bindAddress == null || bindAddress.isBlank()) {
            bindAddress = self.host();
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("dataDir is required (the fsynced log lives there)");
        }
        if (writeTimeoutMillis <= 0) {
            writeTimeoutMillis = DEFAULT_WRITE_TIMEOUT_MILLIS;
        }
        if (leaderWaitMillis <= 0) {
            leaderWaitMillis = DEFAULT_LEADER_WAIT_MILLIS;
        }
        if (failureDetectionMillis <= 0) {
            failureDetectionMillis = DEFAULT_FAILURE_DETECTION_MILLIS;
        }
        if (failureDetectionMillis < 400) {
            throw new IllegalArgumentException("failureDetectionMillis " + failureDetectionMillis + " is too low (min 400)");
        }
        if (snapshotInterval <= 0) {
            snapshotInterval = DEFAULT_SNAPSHOT_INTERVAL;
        }
        if (dedupCapacity <= 0) {
            dedupCapacity = DEFAULT_DEDUP_CAPACITY;
        }
    }

    /** A configuration with default timeouts; {@code voters} null means the first three members (or one). */
    public static RaftStoreConfig of(String member, List<Member> members, List<String> voters, Path dataDir) {
        return new RaftStoreConfig(member, null, 0, members, voters, dataDir, 0, 0, 0, 0, 0, null);
    }

    public RaftStoreConfig withSnapshotInterval(long n) {
        return new RaftStoreConfig(member, bindAddress, port, members, voters, dataDir, writeTimeoutMillis,
                leaderWaitMillis, failureDetectionMillis, n, dedupCapacity, tls);
    }

    public RaftStoreConfig withTimeouts(long writeTimeout, long leaderWait, long failureDetection) {
        return new RaftStoreConfig(member, bindAddress, port, members, voters, dataDir, writeTimeout, leaderWait,
                failureDetection, snapshotInterval, dedupCapacity, tls);
    }

    /** The same configuration with mutual TLS on the Raft transport (null: plain). */
    public RaftStoreConfig withTls(TlsFiles files) {
        return new RaftStoreConfig(member, bindAddress, port, members, voters, dataDir, writeTimeoutMillis,
                leaderWaitMillis, failureDetectionMillis, snapshotInterval, dedupCapacity, files);
    }

    /** This member's own entry in {@link #members}. */
    public Member self() {
        return members.stream().filter(m -> m.name().equals(member)).findFirst().orElseThrow();
    }

    /** True if {@code name} is a configured member. */
    public boolean isMember(String name) {
        return members.stream().anyMatch(m -> m.name().equals(name));
    }

    static List<String> defaultVoters(List<Member> members) {
        List<String> out = new ArrayList<>();
        int n = members.size() >= 3 ? 3 : 1;
        for (int i = 0; i < n; i++) {
            out.add(members.get(i).name());
        }
        return out;
    }

    /** Parses {@code n1=10.99.0.11:7800,n2=10.99.0.12:7800}; whitespace is ignored. */
    public static List<Member> parseMembers(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("members is empty; expected e.g. n1=10.99.0.11:7800,n2=10.99.0.12:7800,n3=10.99.0.13:7800");
        }
        Map<String, Member> out = new LinkedHashMap<>();
        for (String part : text.split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            int colon = part.lastIndexOf(':');
            if (eq <= 0 || colon < eq + 2 || colon == part.length() - 1) {
                throw new IllegalArgumentException("members entry '" + part + "' is not NAME=HOST:PORT (e.g. n1=10.99.0.11:7800)");
            }
            int port;
            try {
                port = Integer.parseInt(part.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("members entry '" + part + "' has a port that is not a number");
            }
            String host = part.substring(eq + 1, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            Member m = new Member(part.substring(0, eq), host, port);
            if (out.put(m.name(), m) != null) {
                throw new IllegalArgumentException("member " + m.name() + " is listed twice in members");
            }
        }
        return new ArrayList<>(out.values());
    }

    /** Parses {@code n1,n2,n3}; blank means the default (first three members). */
    public static List<String> parseVoters(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String s : text.split("[,\\s]+")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
