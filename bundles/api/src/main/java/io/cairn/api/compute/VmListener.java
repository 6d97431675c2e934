package io.cairn.api.compute;

/** Receives VM changes; must not block. */
@FunctionalInterface
public interface VmListener {
    void changed(String vmName);
}
