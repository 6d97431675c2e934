package io.cairn.compute.bhyve.internal;

import io.cairn.api.host.HostCommands;

import java.util.ArrayList;
import java.util.List;

/**
 * CPU and I/O limits of a VM's bhyve process through rctl(8), which bhyve has none of its own for:
 * {@code process:PID:pcpu:deny=N} caps its CPU at N percent of one core, {@code readbps}, {@code writebps},
 * {@code readiops} and {@code writeiops} with the {@code throttle} action slow its I/O. Rules are added
 * with {@code rctl -a} and read back with {@code rctl process:PID}; the kernel drops a process's rules
 * when it exits. Needs {@code kern.racct.enable=1} (a loader tunable); rctl's own error says so.
 */
public final class RctlLimits {
    private final HostCommands host;
    private final BhyveSettings settings;

    public RctlLimits(HostCommands host, BhyveSettings settings) {
        this.host = host;
        this.settings = settings;
    }

    /** The rules for a VM with {@code vcpus} vCPUs whose bhyve runs as {@code pid}. */
    public List<String> rules(long pid, int vcpus) {
        BhyveSettings.Limits l = settings.limits();
        String subject = "process:" + pid + ":";
        List<String> rules = new ArrayList<>();
        if (l.pcpuPerVcpu() > 0) {
            rules.add(subject + "pcpu:deny=" + (long) vcpus * l.pcpuPerVcpu());
        }
        if (l.readBps() > 0) {
            rules.add(subject + "readbps:throttle=" + l.readBps());
        }
        if (l.writeBps() > 0) {
            rules.add(subject + "writebps:throttle=" + l.writeBps());
        }
        if (l.readIops() > 0) {
            rules.add(subject + "readiops:throttle=" + l.readIops());
        }
        if (l.writeIops() > 0) {
            rules.add(subject + "writeiops:throttle=" + l.writeIops());
        }
        return List.copyOf(rules);
    }

    /** Adds the rules and checks that rctl lists every one of them. */
    public void apply(long pid, int vcpus) {
        List<String> wanted = rules(pid, vcpus);
        if (wanted.isEmpty()) {
            return;
        }
        for (String rule : wanted) {
            host.run(List.of(rctl(), "-a", rule), settings.commandTimeout());
        }
        List<RctlOutput.Rule> listed = RctlOutput.rules(
                host.run(List.of(rctl(), "process:" + pid), settings.commandTimeout()).stdout());
        for (String rule : wanted) {
            RctlOutput.Rule expected = RctlOutput.rule(rule);
            if (listed.stream().noneMatch(expected::sameAs)) {
                throw new IllegalStateException("rctl accepted '" + rule + "' but does not list it for process " + pid
                        + "; it lists " + listed.stream().map(RctlOutput.Rule::text).toList());
            }
        }
    }

    private String rctl() {
        return settings.programs().rctl().toString();
    }
}
