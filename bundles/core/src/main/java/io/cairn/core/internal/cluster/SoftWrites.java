package io.cairn.core.internal.cluster;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Failure handling of Hazelcast's asynchronous writes (statuses, tasks, heartbeats), one way for all of them; the
 * callback runs on the thread that completes the write.
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
