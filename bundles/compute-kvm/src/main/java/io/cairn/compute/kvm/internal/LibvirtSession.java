package io.cairn.compute.kvm.internal;

import io.cairn.api.common.UnavailableException;
import org.libvirt.Connect;
import org.libvirt.ErrorCallback;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One libvirt connection, opened lazily and reopened after it dies. Every use runs under one lock:
 * libvirt-java objects (Connect, Domain) are not safe to share between threads, and the calls a
 * driver makes are short (waits, e.g. for a shutdown, happen outside the lock).
 */
public final class LibvirtSession implements AutoCloseable {
    /** A unit of work on the connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connect connect) throws LibvirtException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(LibvirtSession.class);
    /**
     * Without a handler libvirt prints every error (e.g. each lookup of an absent domain) to stderr;
     * errors still reach the caller as exceptions. Held statically: JNA callbacks must stay reachable.
     */
    private static final ErrorCallback QUIET = new ErrorCallback();

    private final String uri;
    private final Consumer<Connect> onOpen;
    private final ReentrantLock lock = new ReentrantLock();
    private Connect connect;
    private boolean closed;

    /**
     * @param uri    libvirt URI, e.g. {@code qemu:///system} or {@code test:///default}
     * @param onOpen called under the lock each time a connection is (re)opened
     */
    public LibvirtSession(String uri, Consumer<Connect> onOpen) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.onOpen = onOpen == null ? c -> { } : onOpen;
    }

    public String uri() {
        return uri;
    }

    /**
     * Runs {@code work} on the connection. If it fails and the connection turns out to be dead, the
     * connection is reopened and the work retried once (driver operations are idempotent).
     *
     * @throws UnavailableException  when libvirt cannot be reached
     * @throws LibvirtCallException  when libvirt refuses the call
     */
    public <T> T call(String operation, Work<T> work) {
        lock.lock();
        try {
            Connect c = open();
            try {
                return work.run(c);
            } catch (LibvirtException e) {
                if (alive(c)) {
                    throw new LibvirtCallException(operation, e);
                }
                LOG.warn("libvirt connection to {} died ({}); reconnecting",
                        uri, LibvirtCallException.describe(e));
                drop();
                Connect fresh = open();
                try {
                    return work.run(fresh);
                } catch (LibvirtException again) {
                    throw new LibvirtCallException(operation, again);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private Connect open() {
        if (closed) {
            throw new UnavailableException("the KVM driver's libvirt session to " + uri + " is closed");
        }
        if (connect != null) {
            return connect;
        }
        try {
            Connect c = new Connect(uri, false);
            connect = c;
            c.setConnectionErrorCallback(QUIET);
            try {
                onOpen.accept(c);
            } catch (RuntimeException e) {
                drop();
                throw e;
            }
            return c;
        } catch (LibvirtException e) {
            throw new UnavailableException("cannot connect to libvirt at " + uri + ": "
                    + LibvirtCallException.describe(e), e);
        }
    }

    private static boolean alive(Connect c) {
        try {
            return c.isAlive();
        } catch (LibvirtException | RuntimeException e) {
            return false;
        }
    }

    private void drop() {
        Connect c = connect;
        connect = null;
        if (c != null) {
            try {
                c.close();
            } catch (LibvirtException | RuntimeException e) {
                LOG.debug("closing a dead libvirt connection failed", e);
            }
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            drop();
        } finally {
            lock.unlock();
        }
    }
}
