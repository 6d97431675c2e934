package io.cairn.core.internal.security;

import io.cairn.api.security.CredentialService;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;
import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** JAAS login against the cluster credential; the admin gets Karaf's administrative roles. */
public class CairnLoginModule implements LoginModule {
    private static final List<String> ADMIN_ROLES = List.of("admin", "manager", "viewer", "systembundles", "ssh");

    private Subject subject;
    private CallbackHandler handler;
    private CredentialService credentials;
    private String user;
    private final List<Principal> principals = new ArrayList<>();

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState,
                           Map<String, ?> options) {
        this.subject = subject;
        this.handler = callbackHandler;
        this.credentials = (CredentialService) options.get(CairnJaasRealm.CREDENTIALS_OPTION);
    }

    @Override
    public boolean login() throws LoginException {
        if (credentials == null) {
            throw new LoginException("Cairn credential service is not available");
        }
        NameCallback name = new NameCallback("Username: ");
        PasswordCallback password = new PasswordCallback("Password: ", false);
        try {
            handler.handle(new Callback[] {name, password});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new LoginException("cannot read the credentials: " + e.getMessage());
        }
        char[] secret = password.getPassword();
        try {
            if (!credentials.verify(name.getName(), secret)) {
                throw new FailedLoginException("wrong user name or password");
            }
        } finally {
            password.clearPassword();
        }
        user = name.getName();
        return true;
    }

    @Override
    public boolean commit() {
        if (user == null) {
            return false;
        }
        principals.add(new UserPrincipal(user));
        ADMIN_ROLES.forEach(role -> principals.add(new RolePrincipal(role)));
        subject.getPrincipals().addAll(principals);
        return true;
    }

    @Override
    public boolean abort() {
        return logout();
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeAll(principals);
        principals.clear();
        user = null;
        return true;
    }
}
