package io.cairn.transfer.internal;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.SSLContext;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/** A test cluster CA that issues node certificates as the cluster's enrolment does, written as PEM files. */
final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(1);
    private final Path dir;
    private final KeyPair caKey;
    private final X509Certificate ca;

    TestPki(Path dir, String name) throws Exception {
        this.dir = Files.createDirectories(dir);
        this.caKey = keyPair();
        X500Name subject = new X500Name("CN=" + name);
        var builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(SERIAL.getAndIncrement()),
                Date.from(Instant.now().minus(1, ChronoUnit.HOURS)), Date.from(Instant.now().plus(1, ChronoUnit.DAYS)),
                subject, caKey.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        this.ca = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())));
    }

    /** The TLS context of node {@code node}: its key, its certificate + this CA, this CA as the trusted issuer. */
    SSLContext node(String node) throws Exception {
        return nodeTrusting(node, this);
    }

    /** Node {@code node}'s certificate from this CA, trusting {@code trusted}'s CA. */
    SSLContext nodeTrusting(String node, TestPki trusted) throws Exception {
        KeyPair key = keyPair();
        var builder = new JcaX509v3CertificateBuilder(new X500Name(ca.getSubjectX500Principal().getName()),
                BigInteger.valueOf(SERIAL.getAndIncrement()), Date.from(Instant.now().minus(1, ChronoUnit.HOURS)),
                Date.from(Instant.now().plus(1, ChronoUnit.DAYS)), new X500Name("CN=" + node), key.getPublic());
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(new KeyPurposeId[]{KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName[]{new GeneralName(GeneralName.dNSName, node),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())));
        Path keyFile = dir.resolve(node + ".key");
        Path chain = dir.resolve(node + ".chain.pem");
        Path caFile = dir.resolve("ca.pem");
        Files.writeString(keyFile, pem("PRIVATE KEY", key.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        Files.writeString(chain, pem("CERTIFICATE", cert.getEncoded()) + pem("CERTIFICATE", ca.getEncoded()),
                StandardCharsets.US_ASCII);
        Files.writeString(caFile, pem("CERTIFICATE", ca.getEncoded()), StandardCharsets.US_ASCII);
        return TlsContexts.of(keyFile, chain, trusted.dir.resolve("ca.pem"));
    }

    /** A client that trusts this CA but has no certificate of its own to present. */
    SSLContext withoutCertificate() throws Exception {
        var tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        var trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
