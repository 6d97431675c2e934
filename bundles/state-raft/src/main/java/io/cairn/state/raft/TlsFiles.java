package io.cairn.state.raft;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * PEM files for mutual TLS on the Raft transport: this member's private key (PKCS#8), its certificate chain, and the
 * CA certificate every peer's chain must lead to. The certificates must name the member's Raft address (an IP SAN
 * for an address, a DNS SAN for a host name): peers verify it like any TLS client.
 */
public record TlsFiles(Path privateKey, Path certificateChain, Path trustedCa) {
    public TlsFiles {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(trustedCa, "trustedCa");
    }

    /** Fails with the missing file's name when one of the three cannot be read. */
    public TlsFiles checkReadable() {
        for (Path p : new Path[] {privateKey, certificateChain, trustedCa}) {
            if (!Files.isReadable(p)) {
                throw new IllegalStateException("TLS file " + p + " is missing or unreadable");
            }
        }
        return this;
    }
}
