package io.cairn.web;

import org.apache.cxf.endpoint.Server;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CxfEndpointTest {
    @Test
    void theFactoryRunsWithTheFrontendsLoaderAndTheCallersIsRestored() throws Exception {
        ClassLoader caller = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader frontendLoader = new URLClassLoader(new URL[0], caller)) {
            Class<?> frontend = Proxy.getProxyClass(frontendLoader, Runnable.class);
            AtomicReference<ClassLoader> seen = new AtomicReference<>();
            AtomicReference<String> address = new AtomicReference<>();
            AtomicBoolean destroyed = new AtomicBoolean();
            Server server = server(destroyed);
            CxfEndpoint endpoint = CxfEndpoint.publish("test API", "/t", frontend, (bus, at) -> {
                seen.set(Thread.currentThread().getContextClassLoader());
                address.set(at);
                return server;
            });
            assertSame(frontendLoader, seen.get());
            assertEquals("/t", address.get());
            assertSame(caller, Thread.currentThread().getContextClassLoader());
            assertSame(server, endpoint.server());
            endpoint.close();
            assertTrue(destroyed.get());
        }
    }

    @Test
    void aFailingFactoryRestoresTheCallersLoader() {
        ClassLoader caller = Thread.currentThread().getContextClassLoader();
        assertThrows(IllegalStateException.class, () -> CxfEndpoint.publish("test API", "/t", String.class,
                (bus, at) -> {
                    throw new IllegalStateException("cannot publish");
                }));
        assertSame(caller, Thread.currentThread().getContextClassLoader());
        assertThrows(NullPointerException.class, () -> CxfEndpoint.publish("test API", "/t", String.class,
                (bus, at) -> null));
    }

    /** A Server whose destroy() is recorded; its other methods are not called here. */
    private static Server server(AtomicBoolean destroyed) {
        return (Server) Proxy.newProxyInstance(Server.class.getClassLoader(), new Class<?>[]{Server.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("destroy")) {
                        destroyed.set(true);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
