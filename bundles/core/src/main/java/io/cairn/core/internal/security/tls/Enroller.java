package io.cairn.core.internal.security.tls;

import io.cairn.api.security.SignedCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A member's first start: makes its key pair (kept in node.key, 0600, so a retry or a restart asks for the same key),
 * reads the join token from its file, and asks the CA node until it gets a certificate: 1 s, then doubling to 30 s
 * between attempts, 60 s after a refusal (a bad token or a conflict needs an operator). Every failure is logged with
 * its reason.
 */
final class Enroller implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Enroller.class);
    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofSeconds(30);
    private static final Duration AFTER_REFUSAL = Duration.ofSeconds(60);

    private final TlsDir dir;
    private final String node;
    private final Path tokenFile;
    private final boolean deleteTokenAfter;
    private final URI endpoint;
    private final Clock clock;
    private final Runnable onEnrolled;

    Enroller(TlsDir dir, String node, Path tokenFile, boolean deleteTokenAfter, URI endpoint, Clock clock,
             Runnable onEnrolled) {
        this.dir = dir;
        this.node = node;
        this.tokenFile = tokenFile;
        this.deleteTokenAfter = deleteTokenAfter;
        this.endpoint = endpoint;
        this.clock = clock;
        this.onEnrolled = onEnrolled;
    }

    @Override
    public void run() {
        Duration wait = FIRST;
        int attempt = 0;
        while (!Thread.currentThread().isInterrupted()) {
            attempt++;
            Duration next;
            try {
                if (attemptOnce(attempt)) {
                    onEnrolled.run();
                    return;
                }
                next = wait;
                wait = wait.multipliedBy(2).compareTo(MAX) > 0 ? MAX : wait.multipliedBy(2);
            } catch (EnrolmentClient.Refused e) {
                LOG.error("The CA at {} refused this node's certificate request (HTTP {}): {}; retrying in {} s",
                        endpoint, e.status, e.getMessage(), AFTER_REFUSAL.toSeconds());
                next = AFTER_REFUSAL;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warn("Enrolment attempt {} with the CA at {} failed: {}; retrying in {} s", attempt, endpoint,
                        describe(e), wait.toSeconds());
                next = wait;
                wait = wait.multipliedBy(2).compareTo(MAX) > 0 ? MAX : wait.multipliedBy(2);
            }
            try {
                Thread.sleep(next.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** @return true once enrolled; false when there is no token yet */
    boolean attemptOnce(int attempt) throws IOException, InterruptedException, EnrolmentClient.Refused {
        Optional<TokenString> token = readToken();
        if (token.isEmpty()) {
            if (attempt == 1 || attempt % 10 == 0) {
                LOG.warn("This node ({}) has no cluster certificate and no join token in {}: print one with "
                        + "cluster:join-token on the CA node and put it there (or set join.token.file)", node, tokenFile);
            }
            return false;
        }
        if (token.get().fingerprint() == null) {
            throw new IllegalStateException("the join token in " + tokenFile + " has no CA fingerprint; use the "
                    + "whole token as cluster:join-token prints it");
        }
        PrivateKey key = keyPair();
        String csr = CertificateRequests.create(node, new KeyPair(KeyPairs.publicKeyOf(key), key));
        SignedCertificate signed = new EnrolmentClient(endpoint, token.get().fingerprint()).enrol(token.get().toString(), csr);
        NodeCredentials.store(dir, node, key, signed, token.get().fingerprint(), clock.instant());
        LOG.info("Enrolled: the cluster CA issued this node's certificate ({}); stored in {}", node, dir.dir());
        if (deleteTokenAfter) {
            Files.deleteIfExists(tokenFile);
        }
        return true;
    }

    /** The exception and its causes, e.g. "ConnectException: Connection refused" (the JDK's often has no message). */
    static String describe(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null && out.length() < 300; t = t.getCause()) {
            if (out.length() > 0) {
                out.append(" <- ");
            }
            out.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                out.append(": ").append(t.getMessage());
            }
        }
        return out.toString();
    }

    private Optional<TokenString> readToken() throws IOException {
        if (!Files.isRegularFile(tokenFile)) {
            return Optional.empty();
        }
        String text = Files.readString(tokenFile, StandardCharsets.US_ASCII).trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(TokenString.parse(text));
    }

    /** The node's key: made once and kept, so every attempt asks for the same key. */
    private PrivateKey keyPair() throws IOException {
        if (Files.isRegularFile(dir.nodeKey())) {
            return Pem.readPrivateKey(Files.readString(dir.nodeKey(), StandardCharsets.US_ASCII));
        }
        KeyPair pair = KeyPairs.generate();
        DurableFiles.writeSecret(dir.nodeKey(), Pem.privateKey(pair.getPrivate()));
        return pair.getPrivate();
    }
}
