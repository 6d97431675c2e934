package io.cairn.api.security;

/** Checks operator credentials; the same credential serves REST, SOAP and SSH. */
public interface CredentialService {
    /** @return true when the user exists and the password matches */
    boolean verify(String user, char[] password);

    /** @return true once this node holds the cluster's admin credential */
    boolean ready();
}
