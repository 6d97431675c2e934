package io.cairn.compute.bhyve.internal;

import io.cairn.api.host.CommandResult;
import io.cairn.api.host.HostCommandException;
import io.cairn.api.host.HostCommands;
import io.cairn.api.host.HostProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The FreeBSD programs the driver runs, as far as the driver can tell them apart, for tests on a host
 * without them: records every command line, answers in the formats of the fixtures (ifconfig, rctl,
 * bhyvectl), and keeps the state those programs would change (taps, bridge members, kernel instances,
 * rctl rules). bhyve itself is a {@link FakeBhyve} whose exit the test decides.
 */
final class FakeFreeBsd implements HostCommands {
    final List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());
    final Set<String> instances = Collections.synchronizedSet(new LinkedHashSet<>());
    final Map<String, FakeBhyve> bhyves = Collections.synchronizedMap(new HashMap<>());
    final Set<Integer> taps = Collections.synchronizedSet(new TreeSet<>());
    final List<String> members = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Long> holders = Collections.synchronizedMap(new HashMap<>());
    final List<String> rules = Collections.synchronizedList(new ArrayList<>());
    volatile boolean guestObeysAcpi = true;
    volatile boolean racctDisabled;
    private final AtomicLong pids = new AtomicLong(3_990_000);

    /** A started bhyve; {@link #exit(int)} ends it with a status. */
    final class FakeBhyve implements HostProcess {
        final List<String> argv;
        final long pid = pids.incrementAndGet();
        final CompletableFuture<Integer> exit = new CompletableFuture<>();

        FakeBhyve(List<String> argv) {
            this.argv = argv;
        }

        void exit(int status) {
            holders.values().removeIf(p -> p == pid);
            exit.complete(status);
        }

        @Override
        public List<String> argv() {
            return argv;
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public CompletableFuture<Integer> onExit() {
            return exit;
        }

        @Override
        public boolean isAlive() {
            return !exit.isDone();
        }

        @Override
        public void kill() {
            exit(128 + 9);
        }
    }

    /** Every bhyve started, in order. */
    List<List<String>> bhyveStarts() {
        synchronized (calls) {
            return calls.stream().filter(c -> c.get(0).endsWith("/bhyve")).toList();
        }
    }

    FakeBhyve running(String name) {
        return bhyves.get(name);
    }

    @Override
    public CommandResult run(List<String> argv, Duration timeout) {
        CommandResult r = exec(argv, timeout);
        if (!r.succeeded()) {
            throw new HostCommandException(argv, r.exitCode(), r.stderr(), "exited with status " + r.exitCode(), null);
        }
        return r;
    }

    @Override
    public CommandResult exec(List<String> argv, Duration timeout) {
        calls.add(List.copyOf(argv));
        String program = Path.of(argv.get(0)).getFileName().toString();
        List<String> args = argv.subList(1, argv.size());
        return switch (program) {
            case "ifconfig" -> ifconfig(argv, args);
            case "bhyvectl" -> bhyvectl(argv, args);
            case "bhyveload" -> {
                instances.add(args.get(args.size() - 1));
                yield ok(argv, "");
            }
            case "kill" -> {
                long pid = Long.parseLong(args.get(1));
                synchronized (bhyves) {
                    bhyves.values().stream().filter(b -> b.pid == pid && b.isAlive()).findFirst().ifPresent(b -> {
                        if (guestObeysAcpi) {
                            b.exit(1);
                        }
                    });
                }
                yield ok(argv, "");
            }
            case "rctl" -> rctl(argv, args);
            default -> throw new AssertionError("unexpected program " + argv);
        };
    }

    @Override
    public HostProcess start(List<String> argv, Path output) {
        calls.add(List.copyOf(argv));
        String name = argv.get(argv.size() - 1);
        FakeBhyve b = new FakeBhyve(List.copyOf(argv));
        instances.add(name);
        bhyves.put(name, b);
        for (String a : argv) {
            if (a.contains(",virtio-net,")) {
                holders.put(a.split(",")[2], b.pid);
            }
        }
        return b;
    }

    private CommandResult ifconfig(List<String> argv, List<String> args) {
        String name = args.get(0);
        if (args.equals(List.of("tap", "create"))) {
            int unit = 0;
            while (taps.contains(unit)) {
                unit++; // if_clone(9) takes the lowest free unit
            }
            taps.add(unit);
            return ok(argv, "tap" + unit + "\n");
        }
        if (name.equals("bridge0")) {
            if (args.size() == 1) {
                StringBuilder out = new StringBuilder("bridge0: flags=8843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST> metric 0 "
                        + "mtu 1500\n\tether 02:bd:8f:27:42:00\n\tid 00:00:00:00:00:00 priority 32768 hellotime 2 fwddelay 15\n");
                synchronized (members) {
                    for (String m : members) {
                        out.append("\tmember: ").append(m).append(" flags=143<LEARNING,DISCOVER,AUTOEDGE,AUTOPTP>\n")
                                .append("\t        ifmaxaddr 0 port 4 priority 128 path cost 2000000\n");
                    }
                }
                return ok(argv, out.append("\tgroups: bridge\n").toString());
            }
            members.add(args.get(2)); // addm
            return ok(argv, "");
        }
        int unit = Integer.parseInt(name.substring(3));
        if (!taps.contains(unit)) {
            return new CommandResult(argv, 1, "", "ifconfig: interface " + name + " does not exist\n");
        }
        if (args.size() == 1) {
            Long holder = holders.get(name);
            return ok(argv, name + ": flags=8943<UP,BROADCAST,RUNNING,PROMISC,SIMPLEX,MULTICAST> metric 0 mtu 1500\n"
                    + "\toptions=80000<LINKSTATE>\n\tgroups: tap\n\tmedia: Ethernet autoselect\n\tstatus: active\n"
                    + (holder == null ? "" : "\tOpened by PID " + holder + "\n"));
        }
        if (args.get(1).equals("destroy")) {
            taps.remove(unit);
            members.remove(name);
        }
        return ok(argv, "");
    }

    private CommandResult bhyvectl(List<String> argv, List<String> args) {
        String name = args.stream().filter(a -> a.startsWith("--vm=")).findFirst().orElseThrow().substring(5);
        if (!instances.contains(name)) {
            return new CommandResult(argv, 1, "VM:" + name + " is not created.\n", "");
        }
        FakeBhyve b = bhyves.get(name);
        if (args.contains("--destroy")) {
            if (b != null && b.isAlive()) {
                throw new AssertionError("bhyvectl --destroy of " + name + " while its bhyve runs");
            }
            instances.remove(name);
        } else if (args.contains("--force-poweroff") && b != null && b.isAlive()) {
            b.exit(1);
        } else if (args.contains("--force-reset") && b != null && b.isAlive()) {
            b.exit(0);
        }
        return ok(argv, "");
    }

    private CommandResult rctl(List<String> argv, List<String> args) {
        if (racctDisabled) {
            return new CommandResult(argv, 1, "", OutputParsersTest.fixture("rctl-disabled.txt"));
        }
        if (args.get(0).equals("-a")) {
            rules.add(args.get(1));
            return ok(argv, "");
        }
        String prefix = args.get(0) + ":";
        StringBuilder out = new StringBuilder();
        synchronized (rules) {
            rules.stream().filter(r -> r.startsWith(prefix)).forEach(r -> out.append(r).append('\n'));
        }
        return ok(argv, out.toString());
    }

    private static CommandResult ok(List<String> argv, String stdout) {
        return new CommandResult(argv, 0, stdout, "");
    }
}
