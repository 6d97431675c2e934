package io.cairn.compute.bhyve.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** How a bhyve guest is booted: by UEFI firmware inside bhyve, or by bhyveload before bhyve runs. */
public sealed interface BootMethod {
    /**
     * UEFI: {@code -l bootrom,<firmware>}; the firmware boots from the VM's disks.
     *
     * @param firmware the firmware image (e.g. {@code BHYVE_UEFI.fd} from the edk2-bhyve package)
     */
    record Uefi(Path firmware) implements BootMethod {
        public Uefi {
            Objects.requireNonNull(firmware, "firmware");
        }
    }

    /**
     * bhyveload(8) for FreeBSD guests: its loader reads {@code <root>/boot/<kernelDir>/kernel} from the host
     * directory {@code root} ({@code -h}) and gets loader variables ({@code -e name=value}).
     *
     * @param root      host directory that is the loader's root file system
     * @param kernelDir the kernel directory under {@code /boot} (loader variable {@code kernel})
     * @param env       loader variables as {@code name=value}
     */
    record Bhyveload(Path root, String kernelDir, List<String> env) implements BootMethod {
        public Bhyveload {
            Objects.requireNonNull(root, "root");
            Objects.requireNonNull(kernelDir, "kernelDir");
            env = List.copyOf(env);
        }
    }
}
