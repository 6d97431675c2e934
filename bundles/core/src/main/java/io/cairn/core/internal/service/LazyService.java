package io.cairn.core.internal.service;

import org.osgi.service.component.ComponentServiceObjects;

import java.util.function.Supplier;

/**
 * A bound service whose object is fetched at its first use, not while the component that binds it
 * activates. Core's managers are referred to by the services they bind (metering's licence
 * admission refers to {@code VmService}; the pool manager refers to it too): fetching the object at
 * bind time runs into that cycle when both activate at once, and SCR then leaves the reference
 * unbound for good (seen as "ServiceFactory.getService() resulted in a cycle": VMs created past a
 * licence's limit). By the first use both sides are active.
 */
public final class LazyService<T> implements Supplier<T> {
    private final ComponentServiceObjects<T> objects;
    private T service;

    public LazyService(ComponentServiceObjects<T> objects) {
        this.objects = objects;
    }

    /** The service object; null when the service went away meanwhile. */
    @Override
    public synchronized T get() {
        if (service == null) {
            service = objects.getService();
        }
        return service;
    }

    /** Whether this is the service behind {@code other} (a rebind may unbind the previous one after). */
    public boolean holds(ComponentServiceObjects<?> other) {
        return objects == other;
    }

    /** Gives the object back (the reference is being unbound). */
    public synchronized void release() {
        if (service != null) {
            T held = service;
            service = null;
            try {
                objects.ungetService(held);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // the service or this component is already gone: nothing is held any more
            }
        }
    }
}
