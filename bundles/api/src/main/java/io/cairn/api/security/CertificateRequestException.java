package io.cairn.api.security;

/** A certificate signing request that is not a well-formed, correctly self-signed PKCS#10 with a CN (REST 400). */
public class CertificateRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CertificateRequestException(String message) {
        super(message);
    }

    public CertificateRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
