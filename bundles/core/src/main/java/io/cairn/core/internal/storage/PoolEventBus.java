package io.cairn.core.internal.storage;

import io.cairn.api.storage.PoolEvent;
import io.cairn.api.storage.PoolListener;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** This node's pool events: logged, and handed to every {@link PoolListener}. */
@Component(service = PoolEventBus.class)
public class PoolEventBus {
    private static final Logger LOG = LoggerFactory.getLogger(PoolEventBus.class);
    private final List<PoolListener> listeners = new CopyOnWriteArrayList<>();

    void add(PoolListener listener) {
        listeners.add(listener);
    }

    void remove(PoolListener listener) {
        listeners.remove(listener);
    }

    void fire(PoolEvent event) {
        LOG.info("pool {}: {} {}", event.pool(), event.kind(), event.detail());
        for (PoolListener listener : listeners) {
            try {
                listener.changed(event);
            } catch (RuntimeException e) {
                LOG.error("pool listener {} failed on {}", listener, event, e);
            }
        }
    }
}
