package io.cairn.rest.internal;

import io.cairn.api.security.CertificateAuthorityService;
import io.cairn.web.Services;
import io.cairn.api.security.JoinTokenRejectedException;
import io.cairn.api.security.SignedCertificate;

import javax.ws.rs.Consumes;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import java.util.function.Supplier;

/**
 * /cluster/certificates: a new member sends its PKCS#10 request and gets its node certificate from the cluster CA.
 * Authenticated by a join token ({@code Authorization: Bearer <token>}), not by the admin credential: BasicAuthFilter
 * lets exactly this POST through. Only the CA node (the seed) answers; elsewhere 503.
 */
@Path("/cluster/certificates")
public class ClusterCertificatesResource {
    /** @param csr the PEM {@code CERTIFICATE REQUEST}, its CN the member's name */
    public record CertificateRequest(String csr) {
    }

    private static final String BEARER = "Bearer ";
    private final Supplier<CertificateAuthorityService> ca;

    public ClusterCertificatesResource(Supplier<CertificateAuthorityService> ca) {
        this.ca = ca;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public SignedCertificate sign(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                  CertificateRequest request) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new JoinTokenRejectedException("a join token is required: Authorization: Bearer <token>");
        }
        return Services.require(ca, "the cluster CA (it runs on the first configured member)")
                .signNodeCertificate(authorization.substring(BEARER.length()).trim(), request == null ? null : request.csr());
    }
}
