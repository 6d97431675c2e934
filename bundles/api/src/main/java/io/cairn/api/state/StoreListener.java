package io.cairn.api.state;

/** Receives committed changes in log order; must not block the applier for long. */
@FunctionalInterface
public interface StoreListener {
    void changed(StoreChange change);
}
