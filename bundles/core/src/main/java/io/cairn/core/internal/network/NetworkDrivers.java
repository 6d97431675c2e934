package io.cairn.core.internal.network;

import io.cairn.api.common.UnavailableException;
import io.cairn.api.network.NetworkDriver;
import io.cairn.api.network.NetworkKind;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The network drivers installed on this node (a whiteboard keyed by {@code cairn.driver}): a driver
 * bundle that appears is used, one that goes leaves its networks recorded and reported unavailable.
 */
@Component(service = NetworkDrivers.class)
public class NetworkDrivers {
    private final Map<String, NetworkDriver> drivers = new ConcurrentSkipListMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "unbind")
    void bind(NetworkDriver driver, Map<String, Object> properties) {
        drivers.put(type(properties), driver);
    }

    void unbind(NetworkDriver driver, Map<String, Object> properties) {
        drivers.remove(type(properties), driver);
    }

    /** Outside OSGi (tests). */
    void add(String type, NetworkDriver driver) {
        drivers.put(type, driver);
    }

    /** The driver for {@code kind}, or 503 naming what is missing. */
    NetworkDriver forKind(NetworkKind kind) {
        return drivers.values().stream().filter(d -> d.kinds().contains(kind)).findFirst()
                .orElseThrow(() -> new UnavailableException("no network driver for kind " + kind.wireName()
                        + " is installed on this node (install the cairn-sdn-geneve feature)"));
    }

    private static String type(Map<String, Object> properties) {
        return String.valueOf(properties.getOrDefault(NetworkDriver.TYPE_PROPERTY, "unknown"));
    }
}
