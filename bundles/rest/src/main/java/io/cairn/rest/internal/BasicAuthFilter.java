package io.cairn.rest.internal;

import io.cairn.api.security.CredentialService;
import io.cairn.web.ApiFailure;

import javax.annotation.Priority;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP Basic authentication against the cluster credential; every resource needs it except one operation: a new
 * member's certificate request ({@code POST /cluster/certificates}), which it cannot make with a credential it does not
 * have yet and which is authenticated by its join token instead.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class BasicAuthFilter implements ContainerRequestFilter {
    static final String CERTIFICATES = "cluster/certificates";
    private final CredentialService credentials;

    public BasicAuthFilter(CredentialService credentials) {
        this.credentials = credentials;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (isCertificateRequest(request)) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            request.abortWith(unauthorized("authentication required: HTTP Basic with the cluster admin credential"));
            return;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            request.abortWith(unauthorized("malformed Basic credentials"));
            return;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0 || !credentials.verify(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray())) {
            request.abortWith(unauthorized(credentials.ready() ? "wrong user name or password"
                    : "this node has not received the cluster credential yet"));
        }
    }

    /** Exactly POST on .../v1/cluster/certificates: no other method, no sub-path, no trailing slash, no matrix. */
    static boolean isCertificateRequest(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath(false);
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        return HttpMethod.POST.equals(request.getMethod()) && CERTIFICATES.equals(path);
    }

    private static Response unauthorized(String message) {
        return Response.fromResponse(ErrorMapper.error(ApiFailure.ofStatus(401, message)))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"cairn\"").build();
    }
}
