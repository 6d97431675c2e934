package io.cairn.core.internal.security.tls;

import io.cairn.api.security.CertificateRequestException;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;

/** PKCS#10 requests: a node makes one for its key; the CA reads the node name and the key out of one. */
final class CertificateRequests {
    /** What the CA takes from a request: only the name and the key. Addresses come from its own configuration. */
    record Parsed(String node, PublicKey publicKey) {
    }

    private CertificateRequests() {
    }

    /** A request with CN = {@code node}, signed by the pair's private key, as PEM. */
    static String create(String node, KeyPair pair) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Cairn")
                .addRDN(BCStyle.CN, node).build();
        try {
            PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(subject, pair.getPublic())
                    .build(new JcaContentSignerBuilder(KeyPairs.signatureFor(pair.getPrivate())).build(pair.getPrivate()));
            return Pem.encode(Pem.CERTIFICATE_REQUEST, request.getEncoded());
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot create a certificate request for " + node, e);
        }
    }

    /** Parses and checks a PEM request: one block, a valid self-signature, exactly one CN. */
    static Parsed parse(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new CertificateRequestException("the certificate request is empty");
        }
        List<byte[]> blocks;
        try {
            blocks = Pem.blocks(pem, Pem.CERTIFICATE_REQUEST);
        } catch (IllegalArgumentException e) {
            throw new CertificateRequestException("the certificate request is not valid PEM: " + e.getMessage(), e);
        }
        if (blocks.size() != 1) {
            throw new CertificateRequestException("expected one PEM CERTIFICATE REQUEST block, found " + blocks.size());
        }
        JcaPKCS10CertificationRequest request;
        PublicKey key;
        try {
            request = new JcaPKCS10CertificationRequest(blocks.get(0));
            key = request.getPublicKey();
        } catch (IOException | RuntimeException | GeneralSecurityException e) {
            throw new CertificateRequestException("the certificate request is not a PKCS#10 request: " + e.getMessage(), e);
        }
        try {
            if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
                throw new CertificateRequestException("the certificate request's signature does not verify with its key");
            }
        } catch (OperatorCreationException | PKCSException e) {
            throw new CertificateRequestException("cannot verify the certificate request's signature: " + e.getMessage(), e);
        }
        RDN[] cns = request.getSubject().getRDNs(BCStyle.CN);
        if (cns.length != 1 || cns[0].isMultiValued()) {
            throw new CertificateRequestException("the certificate request's subject must hold exactly one CN, the node "
                    + "name; it is '" + request.getSubject() + "'");
        }
        ASN1Encodable value = cns[0].getFirst().getValue();
        return new Parsed(IETFUtils.valueToString(value), key);
    }
}
