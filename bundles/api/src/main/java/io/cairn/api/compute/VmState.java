package io.cairn.api.compute;

/** The observed state of a VM, reported by the node that owns it. */
public enum VmState {
    STOPPED, STARTING, RUNNING, STOPPING, FAILED,
    /** The owning node is down or has not reported; the VM may or may not be running. */
    UNKNOWN
}
