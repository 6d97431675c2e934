package io.cairn.transfer.internal;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mutual-TLS context of the channel from a node's PEM files ({@link io.cairn.api.security.TransportTls}):
 * its key and certificate chain to present, the cluster CA as the only trusted issuer (so a peer needs a
 * certificate of this cluster), and the node name a verified peer certificate carries as its CN.
 */
final class TlsContexts {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");
    private static final char[] NO_PASSWORD = new char[0];

    private TlsContexts() {
    }

    static SSLContext of(Path privateKey, Path chain, Path ca) {
        try {
            List<X509Certificate> certificates = certificates(Files.readString(chain, StandardCharsets.US_ASCII));
            List<X509Certificate> trusted = certificates(Files.readString(ca, StandardCharsets.US_ASCII));
            if (certificates.isEmpty() || trusted.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + (certificates.isEmpty() ? chain : ca));
            }
            PrivateKey key = privateKey(Files.readString(privateKey, StandardCharsets.US_ASCII), privateKey);
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("node", key, NO_PASSWORD, certificates.toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, NO_PASSWORD);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < trusted.size(); i++) {
                trust.setCertificateEntry("ca" + i, trusted.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the node's TLS files " + privateKey + ", " + chain + ", " + ca
                    + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the node's TLS files " + privateKey + ", " + chain + ", " + ca
                    + " make no TLS context: " + e.getMessage(), e);
        }
    }

    /** The CN of the verified peer's certificate: the node name its cluster certificate was issued for. */
    static String peerName(SSLSession session) throws SSLPeerUnverifiedException {
        Certificate[] chain = session.getPeerCertificates();
        String dn = ((X509Certificate) chain[0]).getSubjectX500Principal().getName();
        try {
            for (Rdn rdn : new LdapName(dn).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            throw new SSLPeerUnverifiedException("the peer's certificate subject '" + dn + "' is not a name: " + e.getMessage());
        }
        throw new SSLPeerUnverifiedException("the peer's certificate subject '" + dn + "' has no CN");
    }

    private static List<X509Certificate> certificates(String pem) throws GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        for (byte[] der : blocks(pem, "CERTIFICATE")) {
            out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
        }
        return out;
    }

    /** Unencrypted PKCS#8 of an EC or RSA key (what the node's enrolment writes). */
    private static PrivateKey privateKey(String pem, Path file) throws GeneralSecurityException {
        List<byte[]> blocks = blocks(pem, "PRIVATE KEY");
        if (blocks.size() != 1) {
            throw new IllegalArgumentException(file + " must hold one PEM block PRIVATE KEY, has " + blocks.size());
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(blocks.get(0));
        GeneralSecurityException last = null;
        for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    private static List<byte[]> blocks(String pem, String type) {
        List<byte[]> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            if (m.group(1).equals(type)) {
                out.add(Base64.getMimeDecoder().decode(m.group(2)));
            }
        }
        return out;
    }
}
