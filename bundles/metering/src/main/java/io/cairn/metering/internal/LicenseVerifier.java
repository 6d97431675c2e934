package io.cairn.metering.internal;

import io.cairn.api.metering.License;
import io.cairn.api.metering.LicenseRejectedException;
import io.cairn.api.metering.LicenseRejectedException.Reason;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Checks a licence file with the JDK's own Ed25519: signed by one of the vendor's keys, for this cluster, valid
 * now. Each refusal says which check failed.
 */
final class LicenseVerifier {
    private final List<PublicKey> vendorKeys;

    LicenseVerifier(List<PublicKey> vendorKeys) {
        this.vendorKeys = List.copyOf(vendorKeys);
    }

    /** Keys from the configuration: base64 X.509 SubjectPublicKeyInfo, comma-separated. */
    static LicenseVerifier fromConfig(String keys) {
        List<PublicKey> out = new ArrayList<>();
        for (String k : keys.split(",")) {
            if (!k.isBlank()) {
                out.add(publicKey(k.trim()));
            }
        }
        return new LicenseVerifier(out);
    }

    static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
                    Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("license.public.keys: not a base64 Ed25519 public key: "
                    + e.getMessage(), e);
        }
    }

    /** The licence in {@code text} if it passes every check. */
    License verify(String text, String clusterId, Instant now) {
        LicenseFile file = LicenseFile.parse(text);
        if (vendorKeys.isEmpty()) {
            throw new LicenseRejectedException(Reason.UNSIGNED, "no vendor key is configured "
                    + "(license.public.keys in etc/io.cairn.metering.cfg), so no signature can be trusted");
        }
        if (!signedByVendor(file)) {
            throw new LicenseRejectedException(Reason.TAMPERED, "the signature does not match the content: the file "
                    + "was changed after signing, or not signed with the vendor's key");
        }
        License license = file.license();
        if (!license.clusterId().equals(clusterId)) {
            throw new LicenseRejectedException(Reason.OTHER_CLUSTER, "it is for cluster " + license.clusterId()
                    + ", this cluster is " + clusterId);
        }
        if (!now.isBefore(license.notAfter())) {
            throw new LicenseRejectedException(Reason.EXPIRED, "licence " + license.id() + " expired at "
                    + license.notAfter());
        }
        if (now.isBefore(license.notBefore())) {
            throw new LicenseRejectedException(Reason.NOT_YET_VALID, "licence " + license.id() + " is valid from "
                    + license.notBefore());
        }
        return license;
    }

    private boolean signedByVendor(LicenseFile file) {
        for (PublicKey key : vendorKeys) {
            try {
                Signature s = Signature.getInstance("Ed25519");
                s.initVerify(key);
                s.update(file.signed());
                if (s.verify(file.signature())) {
                    return true;
                }
            } catch (java.security.SignatureException e) {
                // a signature of the wrong length or shape: not this key's
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK cannot verify Ed25519 signatures", e);
            }
        }
        return false;
    }
}
