package io.cairn.transfer.internal;

import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.ssl.SslFilter;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import java.net.InetSocketAddress;

/**
 * MINA's TLS filter as the channel uses it: the serialised handler (its non-blocking one forwards
 * encrypted records outside its lock, so a source thread writing while the I/O thread flushes reorders
 * them and the peer fails with "Tag mismatch"), and an engine made without a reverse DNS lookup of the
 * peer (MINA asks {@link InetSocketAddress#getHostName()}, which on a cluster network without DNS waited
 * 10 s per connection). The peer's name is never checked through DNS: its certificate's CN is.
 */
final class ChannelSslFilter extends SslFilter {
    ChannelSslFilter(SSLContext context, boolean needClientAuth) {
        super(context);
        setNeedClientAuth(needClientAuth);
        setUseNonBlockingPipeline(false);
    }

    @Override
    protected SSLEngine createEngine(IoSession session, InetSocketAddress peer) {
        return super.createEngine(session, peer == null ? null
                : InetSocketAddress.createUnresolved(peer.getHostString(), peer.getPort()));
    }
}
