package io.cairn.state.raft;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A throwaway CA and member certificates made with the JDK's keytool, written as PEM files. */
final class TestCa {
    private static final String PASS = "changeit";
    private final Path dir;
    private final String name;

    private TestCa(Path dir, String name) {
        this.dir = dir;
        this.name = name;
    }

    static TestCa create(Path dir, String name) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        TestCa ca = new TestCa(dir, name);
        ca.keytool(null, "-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + name,
                "-ext", "bc:c", "-validity", "2", "-keystore", ca.store("ca").toString(), "-storetype", "PKCS12",
                "-storepass", PASS, "-keypass", PASS);
        Files.writeString(ca.caPem(), ca.keytool(null, "-exportcert", "-rfc", "-alias", "ca", "-keystore",
                ca.store("ca").toString(), "-storepass", PASS), StandardCharsets.US_ASCII);
        return ca;
    }

    Path caPem() {
        return dir.resolve(name + "-ca.pem");
    }

    private Path store(String alias) {
        return dir.resolve(name + "-" + alias + ".p12");
    }

    /** Key and certificate (SAN IP 127.0.0.1) for {@code member}, signed by this CA. */
    TlsFiles issue(String member) throws Exception {
        String ks = store(member).toString();
        keytool(null, "-genkeypair", "-alias", member, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + member,
                "-validity", "2", "-keystore", ks, "-storetype", "PKCS12", "-storepass", PASS, "-keypass", PASS);
        String csr = keytool(null, "-certreq", "-alias", member, "-keystore", ks, "-storepass", PASS);
        String cert = keytool(csr, "-gencert", "-rfc", "-alias", "ca", "-keystore", store("ca").toString(),
                "-storepass", PASS, "-validity", "2", "-ext", "san=ip:127.0.0.1,dns:localhost",
                "-ext", "ku=digitalSignature,keyEncipherment", "-ext", "eku=serverAuth,clientAuth");
        Path chain = dir.resolve(name + "-" + member + "-chain.pem");
        Files.writeString(chain, cert + Files.readString(caPem()), StandardCharsets.US_ASCII);
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(ks)) {
            p12.load(in, PASS.toCharArray());
        }
        Key key = p12.getKey(member, PASS.toCharArray());
        Path keyPem = dir.resolve(name + "-" + member + "-key.pem");
        Files.writeString(keyPem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
        return new TlsFiles(keyPem, chain, caPem());
    }

    private String keytool(String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.US_ASCII));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.US_ASCII);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + err + out);
        }
        return out;
    }
}
