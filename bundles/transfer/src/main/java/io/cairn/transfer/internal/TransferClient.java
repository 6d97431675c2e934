package io.cairn.transfer.internal;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.ssl.SslEvent;
import org.apache.mina.filter.ssl.SslFilter;
import org.apache.mina.transport.socket.nio.NioSocketConnector;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The opening end: a MINA connector with TLS presenting this node's certificate. Once the handshake is
 * done it checks that the server's certificate CN is the node asked for, then sends the request; what
 * arrives goes into a bounded {@link ReceiverStream}.
 */
final class TransferClient implements AutoCloseable {
    private static final AttributeKey STREAM = new AttributeKey(TransferClient.class, "stream");
    private static final AttributeKey REQUEST = new AttributeKey(TransferClient.class, "request");
    private static final AttributeKey DECODER = new AttributeKey(TransferClient.class, "decoder");

    private final TransferSettings settings;
    private final NioSocketConnector connector = new NioSocketConnector();

    TransferClient(SSLContext tls, TransferSettings settings) {
        this.settings = settings;
        connector.getFilterChain().addLast("tls", new ChannelSslFilter(tls, false));
        connector.getSessionConfig().setReadBufferSize(64 << 10);
        connector.setHandler(new Handler());
    }

    /** Opens the stream of {@code channel}/{@code resource} from {@code node} at {@code address}. */
    InputStream open(String node, InetSocketAddress address, String channel, String resource, Duration timeout) {
        String peer = node + " (" + address + ")";
        ReceiverStream stream = new ReceiverStream(settings.receiveBuffer(), timeout, peer);
        Frames.Request request = new Frames.Request(node, channel, resource);
        // the connector is shared: the caller's timeout bounds the wait below, not the connector's setting
        ConnectFuture connected = connector.connect(address, (session, future) -> {
            session.setAttribute(STREAM, stream);
            session.setAttribute(REQUEST, request);
            session.setAttribute(DECODER, new Frames.Decoder());
            stream.attach(session);
        });
        if (!connected.awaitUninterruptibly(timeout.toMillis()) || !connected.isConnected()) {
            Throwable cause = connected.getException();
            connected.cancel();
            throw new UncheckedIOException(new IOException("cannot reach the transfer channel of node " + peer + ": "
                    + (cause == null ? "no connection within " + timeout.toMillis() + " ms" : cause.getMessage()), cause));
        }
        try {
            stream.awaitAnswer();
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
        return stream;
    }

    @Override
    public void close() {
        connector.dispose(false);
    }

    private static final class Handler extends IoHandlerAdapter {
        @Override
        public void event(IoSession session, FilterEvent event) {
            if (event != SslEvent.SECURED) {
                return;
            }
            ReceiverStream stream = (ReceiverStream) session.getAttribute(STREAM);
            Frames.Request request = (Frames.Request) session.getAttribute(REQUEST);
            try {
                String cn = TlsContexts.peerName((SSLSession) session.getAttribute(SslFilter.SSL_SECURED));
                if (!cn.equals(request.node())) {
                    stream.fail("the transfer channel at " + session.getRemoteAddress() + " presented the certificate of "
                            + "node " + cn + ", not of " + request.node() + ": refused", false);
                    session.closeNow();
                    return;
                }
            } catch (IOException e) {
                stream.fail("node " + request.node() + " presented no verified certificate: " + e.getMessage(), false);
                session.closeNow();
                return;
            }
            session.write(Frames.request(request));
        }

        @Override
        public void messageReceived(IoSession session, Object message) throws Exception {
            ReceiverStream stream = (ReceiverStream) session.getAttribute(STREAM);
            Frames.Decoder decoder = (Frames.Decoder) session.getAttribute(DECODER);
            for (Frames.Frame frame : decoder.feed((IoBuffer) message)) {
                switch (frame.type()) {
                    case Frames.DATA -> stream.data(frame.payload());
                    case Frames.END -> {
                        stream.end();
                        session.closeNow();
                    }
                    case Frames.ERROR -> {
                        stream.fail(new String(frame.payload(), java.nio.charset.StandardCharsets.UTF_8), true);
                        session.closeNow();
                    }
                    default -> {
                        stream.fail("the transfer channel sent an unexpected frame " + frame.type(), false);
                        session.closeNow();
                    }
                }
            }
        }

        @Override
        public void sessionClosed(IoSession session) {
            ReceiverStream stream = (ReceiverStream) session.getAttribute(STREAM);
            if (stream != null) {
                Frames.Request request = (Frames.Request) session.getAttribute(REQUEST);
                stream.fail("the transfer channel of node " + request.node() + " closed the connection before the end of "
                        + request.channel() + " " + request.resource() + " (a TLS handshake refused, or the source went away)",
                        false);
            }
        }

        @Override
        public void exceptionCaught(IoSession session, Throwable cause) {
            ReceiverStream stream = (ReceiverStream) session.getAttribute(STREAM);
            Frames.Request request = (Frames.Request) session.getAttribute(REQUEST);
            if (stream != null) {
                stream.fail("the transfer from node " + (request == null ? "?" : request.node()) + " failed: " + cause, false);
            }
            session.closeNow();
        }
    }
}
