package io.cairn.state.raft.internal;

import java.util.function.Supplier;

/**
 * Runs code with this bundle's class loader as the thread context class loader: Ratis loads its RPC factory,
 * metrics and the shaded gRPC providers by class name and ServiceLoader through it (DESIGN §8).
 */
public final class Tccl {
    private Tccl() {
    }

    public static <T> T call(Supplier<T> body) {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(Tccl.class.getClassLoader());
        try {
            return body.get();
        } finally {
            t.setContextClassLoader(before);
        }
    }

    public static void run(Runnable body) {
        call(() -> {
            body.run();
            return null;
        });
    }
}
