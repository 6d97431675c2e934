package io.cairn.api.metering;

import java.util.List;

/**
 * SPI of a partner's billing system. Register an implementation as an OSGi service with the property
 * {@value #NAME_PROPERTY}; one node of the cluster hands it every usage record, in batches, at least once: after a
 * failure (an exception) the same records come again, with backoff, until a call returns. A record may thus arrive
 * more than once, always with the same {@link UsageRecord#id()}: sinks deduplicate by it.
 */
public interface MeteringSink {
    /** Service property naming the sink; it keys the sink's delivery cursor, so keep it stable. */
    String NAME_PROPERTY = "cairn.sink";

    /** The sink's name, equal to the service property. */
    String name();

    /** Delivers {@code records} (sorted by interval start, then VM id); returns only once they are safe. */
    void deliver(List<UsageRecord> records) throws Exception;
}
