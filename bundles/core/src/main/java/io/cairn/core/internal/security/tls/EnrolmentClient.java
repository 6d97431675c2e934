package io.cairn.core.internal.security.tls;

import io.cairn.api.security.SignedCertificate;
import io.cairn.core.internal.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;

/**
 * POSTs a certificate request to the CA node's {@code /cairn/v1/cluster/certificates} with the join token as bearer.
 * The seed's HTTPS certificate is self-signed (bin/setenv makes it before any CA exists), so it cannot be checked
 * against the token's CA fingerprint unless it was issued by that CA: the connection is accepted either way, and what
 * is checked is the answer: its CA must have the pinned fingerprint and its certificate must be for this node's key,
 * signed by that CA (see {@link NodeCredentials#store}).
 */
final class EnrolmentClient {
    private static final Logger LOG = LoggerFactory.getLogger(EnrolmentClient.class);

    /** The CA's answer to a failed request: its status and message. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    record CsrRequest(String csr) {
    }

    record ErrorBody(String error, String message) {
    }

    private final URI endpoint;
    private final HttpClient http;
    private final PinningTrustManager trust;

    EnrolmentClient(URI endpoint, String pinnedFingerprint) {
        this.endpoint = endpoint;
        this.trust = new PinningTrustManager(pinnedFingerprint);
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new javax.net.ssl.TrustManager[] {trust}, new SecureRandom());
            this.http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for the enrolment call", e);
        }
    }

    SignedCertificate enrol(String token, String csrPem) throws IOException, InterruptedException, Refused {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(new CsrRequest(csrPem)), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            String message = response.body();
            try {
                message = Json.read(response.body(), ErrorBody.class).message();
            } catch (IllegalStateException e) {
                LOG.debug("The CA's error answer is not JSON: {}", e.getMessage());
            }
            throw new Refused(response.statusCode(), message);
        }
        if (!trust.pinned) {
            LOG.info("The seed's HTTPS certificate is not from the cluster CA (self-signed); its answer is checked "
                    + "against the join token's CA fingerprint instead");
        }
        return Json.read(response.body(), SignedCertificate.class);
    }

    /**
     * Accepts the server's chain, and notes whether it contains the pinned CA (by fingerprint) and is signed by it. The
     * answer is what gets checked: a server without the CA key cannot return a certificate for this node's key signed
     * by the pinned CA.
     */
    static final class PinningTrustManager extends X509ExtendedTrustManager {
        private final String fingerprint;
        volatile boolean pinned;

        PinningTrustManager(String fingerprint) {
            this.fingerprint = fingerprint;
        }

        private void check(X509Certificate[] chain) {
            pinned = fingerprint != null && chain != null && chain.length > 1
                    && Arrays.stream(chain).anyMatch(c -> Fingerprints.equal(Fingerprints.of(c), fingerprint))
                    && signedByLast(chain);
        }

        private static boolean signedByLast(X509Certificate[] chain) {
            try {
                chain[0].verify(chain[chain.length - 1].getPublicKey());
                return true;
            } catch (GeneralSecurityException e) {
                LOG.debug("The seed's HTTPS chain is not signed by its last certificate: {}", e.getMessage());
                return false;
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("the enrolment client trusts servers only, never clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("the enrolment client trusts servers only, never clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the enrolment client trusts servers only, never clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
