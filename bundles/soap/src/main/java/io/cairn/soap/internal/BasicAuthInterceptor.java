package io.cairn.soap.internal;

import io.cairn.api.security.CredentialService;
import org.apache.cxf.configuration.security.AuthorizationPolicy;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP Basic authentication against the cluster credential, before anything is read: SOAP calls
 * and the WSDL alike. A failure answers HTTP 401 with a challenge and a SOAP fault saying why.
 */
public class BasicAuthInterceptor extends AbstractPhaseInterceptor<Message> {
    static final String FAILED = "io.cairn.soap.auth.failed";

    private final CredentialService credentials;

    public BasicAuthInterceptor(CredentialService credentials) {
        super(Phase.RECEIVE);
        this.credentials = credentials;
    }

    @Override
    public void handleMessage(Message message) {
        AuthorizationPolicy policy = message.get(AuthorizationPolicy.class);
        String reason = null;
        if (policy == null || policy.getUserName() == null || policy.getPassword() == null) {
            reason = "authentication required: HTTP Basic with the cluster admin credential";
        } else if (!credentials.verify(policy.getUserName(), policy.getPassword().toCharArray())) {
            reason = credentials.ready() ? "wrong user name or password"
                    : "this node has not received the cluster credential yet";
        }
        if (reason != null) {
            message.getExchange().put(FAILED, Boolean.TRUE);
            Fault fault = new Fault(new SecurityException(reason));
            fault.setStatusCode(401);
            throw fault;
        }
    }

    /** Turns the fault of a failed authentication into HTTP 401 with a Basic challenge. */
    public static class Challenge extends AbstractPhaseInterceptor<Message> {
        public Challenge() {
            super(Phase.PREPARE_SEND);
        }

        @Override
        public void handleMessage(Message message) {
            if (!Boolean.TRUE.equals(message.getExchange().get(FAILED))) {
                return;
            }
            message.put(Message.RESPONSE_CODE, 401);
            @SuppressWarnings("unchecked")
            Map<String, List<String>> headers = (Map<String, List<String>>) message.get(Message.PROTOCOL_HEADERS);
            if (headers == null) {
                headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                message.put(Message.PROTOCOL_HEADERS, headers);
            }
            headers.put("WWW-Authenticate", new ArrayList<>(List.of("Basic realm=\"cairn\"")));
        }
    }
}
