package io.cairn.core.internal.security.tls;

import io.cairn.api.security.TransportTls;

import java.nio.file.Path;

/** The node's checked TLS files, as the TransportTls service hands them out. */
record TransportTlsFiles(Path privateKey, Path certificateChain, Path trustedCa) implements TransportTls {
    static TransportTlsFiles of(TlsDir dir) {
        return new TransportTlsFiles(dir.nodeKey(), dir.nodeChain(), dir.caCertificate());
    }
}
