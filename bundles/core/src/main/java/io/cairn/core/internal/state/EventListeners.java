package io.cairn.core.internal.state;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The listeners of one keyspace store's typed events: each event goes to every listener, and one
 * that throws is logged and does not keep the event from the others.
 */
public final class EventListeners<E> {
    private static final Logger LOG = LoggerFactory.getLogger(EventListeners.class);

    private final String keyspace;
    private final List<Consumer<E>> listeners = new CopyOnWriteArrayList<>();

    public EventListeners(String keyspace) {
        this.keyspace = keyspace;
    }

    public void add(Consumer<E> listener) {
        listeners.add(listener);
    }

    public void remove(Consumer<E> listener) {
        listeners.remove(listener);
    }

    public void fire(E event) {
        for (Consumer<E> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.error("{} listener {} failed on {}", keyspace, listener, event, e);
            }
        }
    }
}
