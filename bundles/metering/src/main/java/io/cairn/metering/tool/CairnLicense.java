package io.cairn.metering.tool;

import io.cairn.api.metering.Capacity;
import io.cairn.api.metering.License;
import io.cairn.api.metering.LicenseKind;
import io.cairn.metering.internal.LicenseFile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The vendor's licence tool (scripts/cairn-license): makes an Ed25519 key pair and signs licence files. The
 * private key is read from a file and never printed; only the public key is, for {@code license.public.keys}.
 *
 * <pre>
 * keygen --private FILE                      writes the private key (PKCS#8, base64, mode 0600), prints the public
 * sign --private FILE --cluster ID --kind perpetual|subscription --id ID --customer NAME
 *      [--vcpus N] [--memory-mib N] [--storage-gib N] [--not-before ISO] --not-after ISO   prints the licence
 * </pre>
 */
public final class CairnLicense {
    private CairnLicense() {
    }

    public static void main(String[] args) {
        try {
            run(args, System.out);
        } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
            System.err.println("cairn-license: " + e.getMessage());
            System.exit(2);
        }
    }

    static void run(String[] args, PrintStream out) throws IOException, GeneralSecurityException {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: cairn-license keygen --private FILE | sign --private FILE "
                    + "--cluster ID --kind perpetual|subscription --id ID --customer NAME [--vcpus N] "
                    + "[--memory-mib N] [--storage-gib N] [--not-before ISO] --not-after ISO");
        }
        Map<String, String> opts = options(args);
        Path privateFile = Path.of(require(opts, "private"));
        switch (args[0]) {
            case "keygen" -> out.println(keygen(privateFile));
            case "sign" -> out.print(sign(readPrivate(privateFile), license(opts)));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    /** Writes a new private key to {@code file} (refuses to overwrite) and returns the public key, base64. */
    public static String keygen(Path file) throws IOException, GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Files.writeString(file, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n",
                StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    /** The signed licence file. */
    public static String sign(PrivateKey key, License license) throws GeneralSecurityException {
        String body = LicenseFile.body(license);
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key);
        s.update(body.getBytes(StandardCharsets.UTF_8));
        return body + LicenseFile.signatureLine(s.sign());
    }

    public static PrivateKey readPrivate(Path file) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(file + " holds no key"));
        return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getDecoder().decode(text.trim())));
    }

    private static License license(Map<String, String> o) {
        return new License(require(o, "id"), require(o, "customer"), require(o, "cluster"),
                LicenseKind.valueOf(require(o, "kind").toUpperCase(Locale.ROOT)),
                new Capacity(Integer.parseInt(o.getOrDefault("vcpus", "0")),
                        Long.parseLong(o.getOrDefault("memory-mib", "0")),
                        Long.parseLong(o.getOrDefault("storage-gib", "0"))),
                Instant.parse(o.getOrDefault("not-before", Instant.now().truncatedTo(
                        java.time.temporal.ChronoUnit.SECONDS).toString())),
                Instant.parse(require(o, "not-after")));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            out.put(args[i].substring(2), args[i + 1]);
        }
        return out;
    }

    private static String require(Map<String, String> opts, String name) {
        String v = opts.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }
}
