package io.cairn.state.raft.internal;

import io.cairn.api.state.StoreChange;
import io.cairn.api.state.StoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Delivers applied changes to listeners on one thread, in log order, off the Raft applier thread. */
public final class ChangeDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeDispatcher.class);

    private final List<StoreListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService executor;

    public ChangeDispatcher(String member) {
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cairn-raft-listeners-" + member);
            t.setDaemon(true);
            return t;
        });
    }

    public void add(StoreListener l) {
        listeners.add(Objects.requireNonNull(l, "listener"));
    }

    public void remove(StoreListener l) {
        listeners.remove(l);
    }

    public void publish(List<StoreChange> changes) {
        if (changes.isEmpty() || listeners.isEmpty()) {
            return;
        }
        List<StoreChange> copy = List.copyOf(changes);
        if (executor.isShutdown()) {
            LOG.debug("store closing: {} changes not delivered", copy.size());
            return;
        }
        executor.execute(() -> {
            for (StoreChange c : copy) {
                for (StoreListener l : listeners) {
                    try {
                        l.changed(c);
                    } catch (RuntimeException e) {
                        LOG.warn("store listener failed on {}", c.key(), e);
                    }
                }
            }
        });
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.warn("store listeners still busy after 2 s; not waiting longer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
