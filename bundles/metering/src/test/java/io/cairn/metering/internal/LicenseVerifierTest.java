package io.cairn.metering.internal;

import io.cairn.api.metering.License;
import io.cairn.api.metering.LicenseRejectedException;
import io.cairn.api.metering.LicenseRejectedException.Reason;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LicenseVerifierTest {
    private static final Instant NOW = Instant.parse("2026-12-02T00:00:00Z");
    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2027-01-01T00:00:00Z");
    private final TestVendor vendor = new TestVendor();
    private final License license = TestVendor.perpetual(TestVendor.CLUSTER, 8, FROM, UNTIL);
    private final String file = vendor.sign(license);

    private Reason refusal(String text, String cluster, Instant at) {
        return assertThrows(LicenseRejectedException.class, () -> vendor.verifier().verify(text, cluster, at))
                .reason();
    }

    @Test
    void aSignedLicenceForThisClusterVerifies() {
        assertEquals(license, vendor.verifier().verify(file, TestVendor.CLUSTER, NOW));
    }

    @Test
    void everySingleChangedByteIsRefused() {
        byte[] bytes = file.getBytes(StandardCharsets.US_ASCII);
        int tampered = 0;
        for (int i = 0; i < bytes.length; i++) {
            byte[] changed = bytes.clone();
            changed[i] = (byte) (changed[i] == 'A' ? 'B' : changed[i] == '\n' ? ' ' : 'A');
            String text = new String(changed, StandardCharsets.US_ASCII);
            int at = i;
            LicenseRejectedException e = assertThrows(LicenseRejectedException.class,
                    () -> vendor.verifier().verify(text, TestVendor.CLUSTER, NOW), () -> "byte " + at + " changed");
            if (e.reason() == Reason.TAMPERED) {
                tampered++;
            }
        }
        assertTrue(tampered > bytes.length / 2, tampered + " of " + bytes.length + " said tampered");
    }

    @Test
    void expiredNotYetValidOtherClusterUnsignedAndMalformedSayWhich() {
        assertEquals(Reason.EXPIRED, refusal(file, TestVendor.CLUSTER, UNTIL));
        assertEquals(Reason.NOT_YET_VALID, refusal(file, TestVendor.CLUSTER, FROM.minusSeconds(1)));
        assertEquals(Reason.OTHER_CLUSTER, refusal(file, "99999999-2222-3333-4444-555555555555", NOW));
        String unsigned = file.substring(0, file.indexOf("signature="));
        assertEquals(Reason.UNSIGNED, refusal(unsigned, TestVendor.CLUSTER, NOW));
        assertEquals(Reason.MALFORMED, refusal("hello", TestVendor.CLUSTER, NOW));
        assertEquals(Reason.MALFORMED, refusal("", TestVendor.CLUSTER, NOW));
        LicenseRejectedException other = assertThrows(LicenseRejectedException.class,
                () -> vendor.verifier().verify(file, "99999999-2222-3333-4444-555555555555", NOW));
        assertTrue(other.getMessage().contains("other_cluster") && other.getMessage().contains("99999999"),
                other.getMessage());
    }

    @Test
    void anotherVendorsSignatureIsRefused() {
        String foreign = new TestVendor().sign(license);
        assertEquals(Reason.TAMPERED, refusal(foreign, TestVendor.CLUSTER, NOW));
        assertEquals(Reason.UNSIGNED, assertThrows(LicenseRejectedException.class,
                () -> new LicenseVerifier(java.util.List.of()).verify(file, TestVendor.CLUSTER, NOW)).reason());
    }
}
