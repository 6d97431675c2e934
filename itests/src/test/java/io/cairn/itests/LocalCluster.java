package io.cairn.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A cluster of real Cairn nodes started by {@code scripts/cluster up N}: one Karaf process per
 * node, each in its own network and mount namespace with its own libvirtd. Started once per
 * test JVM and shared by every test class; torn down at JVM exit.
 */
public final class LocalCluster {
    public static final int SIZE = 3;
    private static LocalCluster shared;

    private final Path repo;
    private final Path run;
    private final Map<String, String> env = new HashMap<>();

    private LocalCluster(Path repo, Path run) {
        this.repo = repo;
        this.run = run;
    }

    /** The shared cluster, started on first use. */
    public static synchronized LocalCluster get() {
        if (shared == null) {
            Path repo = Path.of(System.getProperty("cairn.repo", "..")).toAbsolutePath().normalize();
            Path run = repo.resolve("itests/target/cluster");
            LocalCluster cluster = new LocalCluster(repo, run);
            cluster.script(Duration.ofMinutes(2), "down", "--purge");
            cluster.script(Duration.ofMinutes(6), "up", String.valueOf(SIZE));
            cluster.loadEnv();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> cluster.script(Duration.ofMinutes(2), "down")));
            shared = cluster;
        }
        return shared;
    }

    public List<String> nodes() {
        return Arrays.asList(env.get("NODES").trim().split("\\s+"));
    }

    public String address(String node) {
        return env(node, "ADDR");
    }

    public String restBase(String node) {
        return env(node, "REST");
    }

    public int sshPort(String node) {
        return Integer.parseInt(env(node, "SSH_PORT"));
    }

    public String libvirtUri(String node) {
        return env(node, "LIBVIRT_URI");
    }

    public String netns(String node) {
        return env(node, "NETNS");
    }

    public Path karafHome(String node) {
        return Path.of(env(node, "KARAF_HOME"));
    }

    /** The repository root (scripts/ lives there). */
    public Path repo() {
        return repo;
    }

    /** The cluster's runtime directory (CAIRN_RUN). */
    public Path run() {
        return run;
    }

    /** A cluster-wide value of cluster.env (e.g. OVN_NB, TRUNK_MTU). */
    public String clusterEnv(String key) {
        String value = env.get(key);
        if (value == null) {
            throw new IllegalArgumentException("cluster.env has no " + key);
        }
        return value;
    }

    public Path passwordFile() {
        return Path.of(env.get("PASSWORD_FILE"));
    }

    public String password() {
        try {
            return Files.readString(passwordFile(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the admin password file " + passwordFile(), e);
        }
    }

    /**
     * Brings every node back after a test that broke something on purpose: links up, paused
     * JVMs resumed, stopped Karafs started (start-node is a no-op for a running one). Returns how long
     * after the links came up every node was writable with one leader.
     */
    public Duration heal() {
        long linksUp = System.nanoTime();
        for (String node : nodes()) {
            Host.exec(List.of("ip", "link", "set", "v" + netns(node), "up"), Duration.ofSeconds(10), Map.of());
            Host.exec(List.of(repo.resolve("scripts/cluster").toString(), "resume-node", node), Duration.ofSeconds(30),
                    Map.of("CAIRN_RUN", run.toString()));
            startNode(node);
        }
        await("every node to reach a Raft majority with the same leader", Duration.ofSeconds(90), () -> {
            java.util.Set<String> leaders = new java.util.HashSet<>();
            for (String node : nodes()) {
                Rest.Response state = Rest.get(restBase(node) + "/cluster/state", "admin", password());
                if (state.status() != 200 || !state.json().get("writable").asBoolean()) {
                    return false;
                }
                leaders.add(state.json().path("leader").asText());
            }
            return leaders.size() == 1;
        });
        Duration writable = Duration.ofNanos(System.nanoTime() - linksUp);
        // and every node in every Raft view: a connection cut by a link going down can take a TCP retransmission
        // backoff (up to about 2 minutes) to carry messages again after the link is back
        await("every node to reach every Raft member", Duration.ofSeconds(180), () -> {
            for (String node : nodes()) {
                Rest.Response members = Rest.get(restBase(node) + "/cluster/state/members", "admin", password());
                if (members.status() != 200 || members.json().get("reachable").size() != nodes().size()) {
                    return false;
                }
            }
            return true;
        });
        // and every node UP in every node's view: a resumed node rejoins Hazelcast a few seconds after Raft,
        // and what places pools and VMs asks for nodes that are UP
        await("every node to list every node UP", Duration.ofSeconds(120), () -> {
            for (String node : nodes()) {
                Rest.Response list = Rest.get(restBase(node) + "/nodes", "admin", password());
                if (list.status() != 200 || list.json().size() != nodes().size() || !allUp(list.json())) {
                    return false;
                }
            }
            return true;
        });
        return writable;
    }

    /** Whether every node of a {@code GET /nodes} answer is up. */
    static boolean allUp(com.fasterxml.jackson.databind.JsonNode list) {
        for (com.fasterxml.jackson.databind.JsonNode n : list) {
            if (!"up".equals(n.path("state").asText())) {
                return false;
            }
        }
        return true;
    }

    public void killNode(String node) {
        script(Duration.ofMinutes(1), "kill-node", node);
    }

    public void startNode(String node) {
        script(Duration.ofMinutes(4), "start-node", node);
    }

    /** Runs a command inside a node's namespaces and returns its stdout; fails on non-zero exit. */
    public String exec(String node, String... command) {
        List<String> args = new ArrayList<>(List.of("exec", node));
        args.addAll(List.of(command));
        return script(Duration.ofMinutes(1), args.toArray(String[]::new));
    }

    /** Runs scripts/cluster with the given arguments; returns stdout, throws with output on failure. */
    public String script(Duration timeout, String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(repo.resolve("scripts/cluster").toString());
        argv.addAll(List.of(args));
        return Host.run(argv, timeout, Map.of("CAIRN_RUN", run.toString()));
    }

    private String env(String node, String key) {
        String value = env.get(node.toUpperCase(Locale.ROOT) + "_" + key);
        if (value == null) {
            throw new IllegalArgumentException("cluster.env has no " + key + " for node " + node);
        }
        return value;
    }

    private void loadEnv() {
        try {
            for (String line : Files.readAllLines(run.resolve("cluster.env"), StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (line.startsWith("#") || eq < 0) {
                    continue;
                }
                String value = line.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
                    value = value.substring(1, value.length() - 1);
                }
                env.put(line.substring(0, eq).trim(), value);
            }
        } catch (IOException e) {
            throw new IllegalStateException("scripts/cluster up wrote no readable cluster.env in " + run, e);
        }
    }

    /** Waits until the condition holds, polling; returns the time it took. */
    /**
     * One line per node of what it says about the store and about {@code vm} (null: the store only), for the message
     * of a failed wait: the summary of a CI run shows failure messages, not the logs.
     */
    public String diagnose(String vm) {
        StringBuilder out = new StringBuilder();
        for (String node : nodes()) {
            out.append("\n  ").append(node).append(": ");
            try {
                Rest.Response state = Rest.get(restBase(node) + "/cluster/state", "admin", password());
                out.append("state ").append(state.status()).append(' ').append(abbreviate(state.body(), 400));
                if (vm != null) {
                    Rest.Response v = Rest.get(restBase(node) + "/vms/" + vm, "admin", password());
                    out.append("; vm ").append(v.status()).append(' ').append(abbreviate(v.body(), 300));
                }
            } catch (RuntimeException e) {
                out.append("unreachable: ").append(e.getMessage());
            }
            out.append("\n    fencing: ").append(fencingLog(node));
        }
        return out.toString();
    }

    /**
     * The node's last watchdog lines and its last lease and power-off lines from Karaf's log: why
     * a domain vanished (a fence, a lost lease, an orphan) shows in a failure message.
     */
    public String fencingLog(String node) {
        Path dir = run.resolve("nodes").resolve(node);
        List<String> lines = new java.util.ArrayList<>(tail(dir.resolve("watchdog.log"), 4, l -> true));
        lines.addAll(tail(karafHome(node).resolve("data/log/karaf.log"), 6,
                l -> l.contains("NodeLease") || l.contains("Powering off") || l.contains("restart grace")));
        return abbreviate(String.join(" | ", lines), 1800);
    }

    private static List<String> tail(Path file, int n, java.util.function.Predicate<String> keep) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            List<String> kept = new String(bytes, StandardCharsets.ISO_8859_1).lines().filter(keep).toList();
            return kept.subList(Math.max(0, kept.size() - n), kept.size());
        } catch (IOException e) {
            return List.of(file.getFileName() + ": " + e.getMessage());
        }
    }

    private static String abbreviate(String s, int max) {
        String flat = s == null ? "" : s.replaceAll("\\s+", " ");
        return flat.length() <= max ? flat : flat.substring(0, max) + "…";
    }

    public static Duration await(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out after " + timeout + " waiting for " + what, e);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
