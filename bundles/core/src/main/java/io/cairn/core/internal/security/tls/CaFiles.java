package io.cairn.core.internal.security.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/** The cluster CA on the seed's disk: ca.crt (0644) and ca.key (0600, written last). */
final class CaFiles {
    private CaFiles() {
    }

    static ClusterCa create(TlsDir dir, String clusterName, Instant now) throws IOException {
        ClusterCa ca = ClusterCa.create(clusterName, now);
        DurableFiles.writePublic(dir.caCertificate(), Pem.certificates(List.of(ca.certificate())));
        DurableFiles.writeSecret(dir.caKey(), Pem.privateKey(ca.key()));
        return ca;
    }

    static ClusterCa load(TlsDir dir) throws IOException {
        List<X509Certificate> certificates =
                Pem.readCertificates(Files.readString(dir.caCertificate(), StandardCharsets.US_ASCII));
        return new ClusterCa(certificates.get(0), Pem.readPrivateKey(Files.readString(dir.caKey(), StandardCharsets.US_ASCII)));
    }
}
