package io.cairn.metering.internal;

import io.cairn.api.metering.Capacity;
import io.cairn.api.metering.License;
import io.cairn.api.metering.LicenseKind;
import io.cairn.api.metering.LicenseRejectedException;
import io.cairn.api.metering.LicenseRejectedException.Reason;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The licence file format: UTF-8 lines {@code key=value} ({@code #} comments allowed), the last line
 * {@code signature=<base64 Ed25519 signature>} over every byte before it. Nothing is trimmed or normalised: the
 * bytes signed are the bytes read.
 *
 * @param signed    the bytes the signature covers
 * @param fields    the fields, in file order
 * @param signature the signature bytes
 */
public record LicenseFile(byte[] signed, Map<String, String> fields, byte[] signature) {
    static final String FORMAT = "cairn-license-1";
    private static final String SIGNATURE = "signature=";
    private static final int MAX_BYTES = 16 * 1024;
    private static final int ED25519_SIGNATURE_BYTES = 64;
    private static final List<String> KEYS = List.of("format", "id", "customer", "cluster", "kind", "vcpus",
            "memoryMiB", "storageGiB", "notBefore", "notAfter");

    /** Splits a file into signed bytes, fields and signature; refuses a malformed or unsigned one. */
    static LicenseFile parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new LicenseRejectedException(Reason.MALFORMED, "the licence file is empty");
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BYTES) {
            throw new LicenseRejectedException(Reason.MALFORMED, "a licence file is at most " + MAX_BYTES + " bytes");
        }
        int sigAt;
        if (text.startsWith(SIGNATURE)) {
            sigAt = 0;
        } else {
            int newline = text.lastIndexOf("\n" + SIGNATURE);
            sigAt = newline < 0 ? -1 : newline + 1;
        }
        String body = sigAt < 0 ? text : text.substring(0, sigAt);
        Map<String, String> fields = fields(body);
        if (sigAt < 0) {
            throw new LicenseRejectedException(Reason.UNSIGNED, "the file has no signature line (" + SIGNATURE
                    + "…): licences are signed by the vendor");
        }
        String sig = text.substring(sigAt + SIGNATURE.length());
        if (sig.endsWith("\n")) {
            sig = sig.substring(0, sig.length() - 1);
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(sig);
        } catch (IllegalArgumentException e) {
            signature = null;
        }
        // only the canonical encoding counts: base64 tolerates changes to the unused bits of its last character
        if (signature == null || signature.length != ED25519_SIGNATURE_BYTES
                || !Base64.getEncoder().encodeToString(signature).equals(sig)) {
            throw new LicenseRejectedException(Reason.TAMPERED, "the signature is not 64 bytes in canonical base64: the file "
                    + "was changed after signing");
        }
        return new LicenseFile(body.getBytes(StandardCharsets.UTF_8), fields, signature);
    }

    private static Map<String, String> fields(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 1) {
                throw new LicenseRejectedException(Reason.MALFORMED, "line " + (i + 1) + " is not key=value");
            }
            String key = line.substring(0, eq);
            if (!KEYS.contains(key)) {
                throw new LicenseRejectedException(Reason.MALFORMED, "line " + (i + 1) + ": unknown field '" + key
                        + "'");
            }
            if (fields.put(key, line.substring(eq + 1)) != null) {
                throw new LicenseRejectedException(Reason.MALFORMED, "field '" + key + "' appears twice");
            }
        }
        if (!fields.keySet().equals(Set.copyOf(KEYS))) {
            throw new LicenseRejectedException(Reason.MALFORMED, "a licence has the fields " + KEYS + ", this one "
                    + fields.keySet());
        }
        if (!FORMAT.equals(fields.get("format"))) {
            throw new LicenseRejectedException(Reason.MALFORMED, "unknown format '" + fields.get("format")
                    + "', expected " + FORMAT);
        }
        return fields;
    }

    /** The licence the (verified) fields describe. */
    License license() {
        try {
            return new License(fields.get("id"), fields.get("customer"), fields.get("cluster"),
                    LicenseKind.valueOf(fields.get("kind").toUpperCase(Locale.ROOT)),
                    new Capacity(Integer.parseInt(fields.get("vcpus")), Long.parseLong(fields.get("memoryMiB")),
                            Long.parseLong(fields.get("storageGiB"))),
                    Instant.parse(fields.get("notBefore")), Instant.parse(fields.get("notAfter")));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new LicenseRejectedException(Reason.MALFORMED, e.getMessage());
        }
    }

    /** The unsigned body of a licence (the vendor's tool signs it, then appends {@link #signatureLine}). */
    public static String body(License l) {
        return "# Cairn licence. Signed by the vendor (Ed25519): any change to this file voids it.\n"
                + "format=" + FORMAT + "\n"
                + "id=" + l.id() + "\n"
                + "customer=" + l.customer() + "\n"
                + "cluster=" + l.clusterId() + "\n"
                + "kind=" + l.kind().name().toLowerCase(Locale.ROOT) + "\n"
                + "vcpus=" + l.capacity().vcpus() + "\n"
                + "memoryMiB=" + l.capacity().memoryMiB() + "\n"
                + "storageGiB=" + l.capacity().storageGiB() + "\n"
                + "notBefore=" + l.notBefore() + "\n"
                + "notAfter=" + l.notAfter() + "\n";
    }

    public static String signatureLine(byte[] signature) {
        return SIGNATURE + Base64.getEncoder().encodeToString(signature) + "\n";
    }
}
