package io.cairn.compute.bhyve.internal;

import io.cairn.api.host.CommandResult;
import io.cairn.api.host.HostCommands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/** What the availability check asks of the host; tests give their own answers. */
public interface HostProbe {
    /** {@code os.name} of the JVM, e.g. {@code FreeBSD} or {@code Linux}. */
    String osName();

    boolean isExecutable(Path program);

    /** {@code kldstat -q -m NAME}: is the module loaded or compiled into the kernel. */
    boolean moduleLoaded(String module);

    /** {@code sysctl -n hw.vmm.maxcpu}, if it answers a number. */
    OptionalInt maxVcpus();

    /** {@code ifconfig NAME} succeeds. */
    boolean interfaceExists(String name);

    /** The real host, asked through {@link HostCommands}. */
    static HostProbe of(HostCommands host, BhyveSettings s) {
        Duration t = s.commandTimeout();
        return new HostProbe() {
            @Override
            public String osName() {
                return System.getProperty("os.name", "");
            }

            @Override
            public boolean isExecutable(Path program) {
                return Files.isExecutable(program);
            }

            @Override
            public boolean moduleLoaded(String module) {
                return host.exec(List.of(s.programs().kldstat().toString(), "-q", "-m", module), t).succeeded();
            }

            @Override
            public OptionalInt maxVcpus() {
                CommandResult r = host.exec(List.of(s.programs().sysctl().toString(), "-n", "hw.vmm.maxcpu"), t);
                String out = r.stdout().strip();
                return r.succeeded() && out.matches("\\d{1,4}") ? OptionalInt.of(Integer.parseInt(out)) : OptionalInt.empty();
            }

            @Override
            public boolean interfaceExists(String name) {
                return host.exec(List.of(s.programs().ifconfig().toString(), name), t).succeeded();
            }
        };
    }
}
