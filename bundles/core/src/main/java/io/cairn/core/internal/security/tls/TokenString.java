package io.cairn.core.internal.security.tls;

import io.cairn.api.security.JoinTokenRejectedException;

import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A join token as text, like kubeadm's: {@code <id>.<secret>} (6 and 16 characters of [a-z0-9], about 83 bits of
 * secret) followed by {@code .<SHA-256 fingerprint of the CA certificate, 64 hex>} so that the joining node can check
 * it was answered by the right CA. The fingerprint may be left out when the token is sent to the CA.
 *
 * @param fingerprint the pinned CA fingerprint, or null
 */
record TokenString(String id, String secret, String fingerprint) {
    private static final Pattern FORMAT = Pattern.compile("([a-z0-9]{6})\\.([a-z0-9]{16})(?:\\.([0-9a-f]{64}))?");
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    TokenString {
        if (!FORMAT.matcher(id + "." + secret + (fingerprint == null ? "" : "." + fingerprint)).matches()) {
            throw new IllegalArgumentException("a join token is <6 of a-z0-9>.<16 of a-z0-9>[.<64 hex>]");
        }
    }

    static TokenString generate(String fingerprint) {
        return new TokenString(random(6), random(16), fingerprint);
    }

    /** Parses a token; anything else is a rejected token (never echoed: it may be a mistyped secret). */
    static TokenString parse(String text) {
        if (text == null || text.isBlank()) {
            throw new JoinTokenRejectedException("a join token is required: Authorization: Bearer <token>");
        }
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new JoinTokenRejectedException("malformed join token: expected <id>.<secret>.<CA fingerprint> as "
                    + "cluster:join-token prints it");
        }
        return new TokenString(m.group(1), m.group(2), m.group(3));
    }

    @Override
    public String toString() {
        return id + "." + secret + (fingerprint == null ? "" : "." + fingerprint);
    }

    private static String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
