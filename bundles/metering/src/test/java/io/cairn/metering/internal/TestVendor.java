package io.cairn.metering.internal;

import io.cairn.api.metering.Capacity;
import io.cairn.api.metering.License;
import io.cairn.api.metering.LicenseKind;
import io.cairn.metering.tool.CairnLicense;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.List;

/** A vendor key pair made per test run (never stored), and licences signed with it. */
final class TestVendor {
    static final String CLUSTER = "11111111-2222-3333-4444-555555555555";
    final KeyPair keys;

    TestVendor() {
        try {
            keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    LicenseVerifier verifier() {
        return new LicenseVerifier(List.of(keys.getPublic()));
    }

    static License perpetual(String cluster, int vcpus, Instant notBefore, Instant notAfter) {
        return perpetual(cluster, new Capacity(vcpus, 0, 0), notBefore, notAfter);
    }

    static License perpetual(String cluster, Capacity capacity, Instant notBefore, Instant notAfter) {
        return new License("L-test", "Test Customer", cluster, LicenseKind.PERPETUAL, capacity, notBefore, notAfter);
    }

    String sign(License license) {
        try {
            return CairnLicense.sign(keys.getPrivate(), license);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
