package io.cairn.core.internal.cluster;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Failure handling of Hazelcast's asynchronous writes (statuses, tasks, heartbeats), one way for all of them. The
 * callback runs on the thread that completes the write. (Hazelcast itself hands completions to the common fork-join
 * pool, or, when that pool has one thread, to a new thread each: {@code bin/setenv} gives the pool two.)
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
