package io.cairn.compute.kvm.internal;

import io.cairn.api.compute.BootSpec;
import io.cairn.api.compute.DomainRequest;
import io.cairn.api.compute.NicSpec;
import io.cairn.api.compute.PowerState;
import io.cairn.api.compute.Vm;
import io.cairn.api.compute.VmSpec;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builds requests for tests. */
final class Requests {
    static final Path CONSOLE_DIR = Path.of("target", "console").toAbsolutePath();

    private Requests() {
    }

    static DomainRequest request(String name, String owner, long epoch) {
        return request(UUID.randomUUID(), name, owner, epoch, "console=ttyS0", Path.of("/images/vmlinuz"),
                Path.of("/images/initrd.img"), 128, 1);
    }

    static DomainRequest request(UUID id, String name, String owner, long epoch, String cmdline, Path kernel,
                                 Path initrd, long memoryMiB, int vcpus) {
        VmSpec spec = new VmSpec(name, null, vcpus, memoryMiB,
                List.of(new NicSpec("default", "52:54:00:12:34:56"), new NicSpec("storage", null)),
                new BootSpec("vmlinuz", "initrd.img", cmdline), null, false, null);
        Vm vm = new Vm(id, spec, PowerState.RUNNING, Instant.now());
        return new DomainRequest(vm, owner, epoch, kernel, initrd, CONSOLE_DIR.resolve(name + ".log"));
    }
}
