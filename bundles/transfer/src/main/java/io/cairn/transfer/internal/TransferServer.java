package io.cairn.transfer.internal;

import io.cairn.api.transfer.TransferRefusedException;
import io.cairn.api.transfer.TransferSource;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.ssl.SslFilter;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The serving end: a MINA acceptor with TLS that needs a client certificate from the cluster CA. Each
 * connection carries one request; the named source writes the resource on a thread of its own (never
 * the I/O thread), through a {@link SenderStream} that waits at the high-water mark.
 */
final class TransferServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransferServer.class);
    private static final AttributeKey DECODER = new AttributeKey(TransferServer.class, "decoder");
    private static final AttributeKey SENDER = new AttributeKey(TransferServer.class, "sender");
    private static final AttributeKey PENDING = new AttributeKey(TransferServer.class, "pending");

    private final String self;
    private final Function<String, TransferSource> sources;
    private final TransferSettings settings;
    private final NioSocketAcceptor acceptor = new NioSocketAcceptor();
    private final ExecutorService senders;
    /** The most bytes of frames a session had unwritten, right after a write (what backpressure bounds). */
    final AtomicLong peakScheduled = new AtomicLong();

    TransferServer(SSLContext tls, String self, InetSocketAddress bind, Function<String, TransferSource> sources,
                   TransferSettings settings) throws IOException {
        this.self = self;
        this.sources = sources;
        this.settings = settings;
        AtomicInteger n = new AtomicInteger();
        this.senders = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "cairn-transfer-send-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        acceptor.getFilterChain().addLast("tls", new ChannelSslFilter(tls, true));
        acceptor.setReuseAddress(true);
        acceptor.getSessionConfig().setReadBufferSize(64 << 10);
        acceptor.setHandler(new Handler());
        acceptor.bind(bind);
        LOG.info("Transfer channel of {} listening on {} (mutual TLS, high-water {} KiB)", self,
                acceptor.getLocalAddress(), settings.highWater() >> 10);
    }

    InetSocketAddress address() {
        return acceptor.getLocalAddress();
    }

    @Override
    public void close() {
        acceptor.unbind();
        acceptor.dispose(false);
        senders.shutdownNow();
        try {
            senders.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Handler extends IoHandlerAdapter {
        @Override
        public void sessionCreated(IoSession session) {
            session.setAttribute(DECODER, new Frames.Decoder());
        }

        @Override
        public void messageReceived(IoSession session, Object message) throws Exception {
            Frames.Decoder decoder = (Frames.Decoder) session.getAttribute(DECODER);
            for (Frames.Frame frame : decoder.feed((IoBuffer) message)) {
                if (frame.type() != Frames.REQUEST || session.containsAttribute(SENDER)
                        || session.containsAttribute(PENDING)) {
                    refuse(session, "one request per connection, then only the stream");
                    return;
                }
                Frames.Request request = Frames.request(frame.payload());
                if (session.getAttribute(SslFilter.SSL_SECURED) == null) {
                    // MINA can deliver the first data before its SECURED event: the request waits for it
                    session.setAttribute(PENDING, request);
                } else {
                    serve(session, request);
                }
            }
        }

        @Override
        public void event(IoSession session, org.apache.mina.filter.FilterEvent event) throws Exception {
            if (event == org.apache.mina.filter.ssl.SslEvent.SECURED && session.containsAttribute(PENDING)) {
                serve(session, (Frames.Request) session.removeAttribute(PENDING));
            }
        }

        private void serve(IoSession session, Frames.Request request) throws Exception {
            String peer = TlsContexts.peerName((SSLSession) session.getAttribute(SslFilter.SSL_SECURED));
            if (!request.node().equals(self)) {
                refuse(session, "this is node " + self + ", not " + request.node());
                return;
            }
            TransferSource source = sources.apply(request.channel());
            if (source == null) {
                refuse(session, "node " + self + " serves no transfer channel '" + request.channel() + "'");
                return;
            }
            SenderStream out = new SenderStream(session, settings.highWater(), settings.chunk(), peakScheduled);
            session.setAttribute(SENDER, out);
            senders.execute(() -> send(session, source, request, peer, out));
        }

        @Override
        public void messageSent(IoSession session, Object message) {
            wake(session);
        }

        @Override
        public void sessionClosed(IoSession session) {
            wake(session);
        }

        @Override
        public void exceptionCaught(IoSession session, Throwable cause) {
            LOG.info("Transfer channel of {}: connection from {} failed: {}", self, session.getRemoteAddress(),
                    cause.toString());
            session.closeNow();
            wake(session);
        }

        private void wake(IoSession session) {
            SenderStream out = (SenderStream) session.getAttribute(SENDER);
            if (out != null) {
                out.wake();
            }
        }
    }

    private void send(IoSession session, TransferSource source, Frames.Request request, String peer, SenderStream out) {
        long started = System.nanoTime();
        try {
            source.write(request.resource(), peer, out);
            out.flush();
            out.awaitRoom();
            // MINA's TLS filter holds writes it could not encrypt yet outside the session's queue, which
            // closeOnFlush does not wait for: the end frame must be written before the session closes
            out.write(Frames.end()).awaitUninterruptibly(30_000);
            session.closeOnFlush();
            LOG.info("Transfer {}:{} to {} complete in {} ms", request.channel(), request.resource(), peer,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (TransferRefusedException e) {
            LOG.info("Transfer {}:{} to {} refused: {}", request.channel(), request.resource(), peer, e.getMessage());
            refuse(session, e.getMessage());
        } catch (IOException e) {
            LOG.warn("Transfer {}:{} to {} broke off: {}", request.channel(), request.resource(), peer, e.getMessage());
            session.closeNow();
        } catch (RuntimeException e) {
            LOG.warn("Transfer {}:{} to {} failed", request.channel(), request.resource(), peer, e);
            refuse(session, "node " + self + " failed to send " + request.channel() + " " + request.resource() + ": "
                    + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private static void refuse(IoSession session, String message) {
        if (session.isConnected()) {
            session.write(Frames.error(message)).addListener(f -> session.closeOnFlush());
        }
    }
}
