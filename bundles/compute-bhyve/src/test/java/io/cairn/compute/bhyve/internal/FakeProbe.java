package io.cairn.compute.bhyve.internal;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

/** A host as the availability check sees it, set up by each test. */
final class FakeProbe implements HostProbe {
    String os = "FreeBSD";
    final Set<Path> missingPrograms = new HashSet<>();
    final Set<String> modules = new HashSet<>(Set.of("vmm", "nmdm"));
    final Set<String> interfaces = new HashSet<>(Set.of("bridge0"));
    OptionalInt maxVcpus = OptionalInt.of(16);

    @Override
    public String osName() {
        return os;
    }

    @Override
    public boolean isExecutable(Path program) {
        return !missingPrograms.contains(program);
    }

    @Override
    public boolean moduleLoaded(String module) {
        return modules.contains(module);
    }

    @Override
    public OptionalInt maxVcpus() {
        return maxVcpus;
    }

    @Override
    public boolean interfaceExists(String name) {
        return interfaces.contains(name);
    }
}
