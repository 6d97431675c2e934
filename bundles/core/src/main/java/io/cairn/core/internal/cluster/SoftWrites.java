package io.cairn.core.internal.cluster;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Failure handling of Hazelcast's asynchronous writes (statuses, tasks, heartbeats). The callback runs on the
 * thread that completes the write: Hazelcast's default executor for callbacks is the common fork-join pool, and
 * on a host with two cores that pool has parallelism 1, where Hazelcast starts a new thread for every callback.
 */
public final class SoftWrites {
    private SoftWrites() {
    }

    /** Calls {@code onFailure} if the write fails; the callback must be short (it logs). */
    public static void onFailure(CompletionStage<?> write, Consumer<Throwable> onFailure) {
        write.whenCompleteAsync((ok, e) -> {
            if (e != null) {
                onFailure.accept(e);
            }
        }, Runnable::run);
    }
}
