package io.cairn.core.internal.security.tls;

import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.math.ec.ECPoint;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECPublicKeySpec;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/** EC P-256 keys for the CA and the nodes: small, fast, and accepted by every TLS stack Ratis' gRPC may use. */
final class KeyPairs {
    static final String SIGNATURE = "SHA256withECDSA";

    private KeyPairs() {
    }

    static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate EC P-256 keys", e);
        }
    }

    /** Whether {@code privateKey} belongs to {@code publicKey}: signs a challenge and verifies it. */
    static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            java.security.Signature signer = java.security.Signature.getInstance(signatureFor(privateKey));
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            java.security.Signature verifier = java.security.Signature.getInstance(signatureFor(privateKey));
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // a key of another algorithm or curve than the certificate's: they do not belong together
            return false;
        }
    }

    /** The public key of one of our EC P-256 private keys: Q = d·G. */
    static PublicKey publicKeyOf(PrivateKey key) {
        if (!(key instanceof ECPrivateKey ec)) {
            throw new IllegalArgumentException("node keys are EC P-256 keys, this one is " + key.getAlgorithm());
        }
        X9ECParameters curve = ECNamedCurveTable.getByName("secp256r1");
        ECPoint q = curve.getG().multiply(ec.getS()).normalize();
        try {
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                    new java.security.spec.ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()),
                    ec.getParams()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the public key of an EC P-256 key", e);
        }
    }

    static String signatureFor(PrivateKey key) {
        return "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : SIGNATURE;
    }
}
