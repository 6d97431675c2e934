package io.cairn.compute.bhyve.internal;

/**
 * What bhyvectl(8) prints that the driver acts on. bhyvectl.c opens the VM before any action and,
 * when it does not exist, prints {@code VM:<name> is not created.} and exits with status 1.
 */
public final class BhyvectlOutput {
    private BhyvectlOutput() {
    }

    /** True when bhyvectl said the VM does not exist (so there is nothing to destroy, reset or power off). */
    public static boolean notCreated(String stdout, String bhyveName) {
        return stdout != null && stdout.lines().anyMatch(l -> l.strip().equals("VM:" + bhyveName + " is not created."));
    }
}
