package io.cairn.core.internal.security;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/** A salted PBKDF2 password hash; the only form in which a password leaves the node that made it. */
public record PasswordHash(String algorithm, int iterations, String salt, String hash) {
    static final String PBKDF2 = "PBKDF2WithHmacSHA256";
    static final int DEFAULT_ITERATIONS = 210_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    public PasswordHash {
        if (!PBKDF2.equals(algorithm)) {
            throw new IllegalArgumentException("unsupported password hash algorithm " + algorithm);
        }
        if (iterations < 10_000) {
            throw new IllegalArgumentException("password hash iterations too low: " + iterations);
        }
        Objects.requireNonNull(salt, "salt must not be null");
        Objects.requireNonNull(hash, "hash must not be null");
    }

    public static PasswordHash of(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new PasswordHash(PBKDF2, DEFAULT_ITERATIONS, Base64.getEncoder().encodeToString(salt),
                Base64.getEncoder().encodeToString(derive(password, salt, DEFAULT_ITERATIONS)));
    }

    public boolean matches(char[] password) {
        byte[] expected = Base64.getDecoder().decode(hash);
        byte[] actual = derive(password, Base64.getDecoder().decode(salt), iterations);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
            try {
                return SecretKeyFactory.getInstance(PBKDF2).generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot compute " + PBKDF2, e);
        }
    }
}
