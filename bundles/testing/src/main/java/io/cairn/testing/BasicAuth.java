package io.cairn.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** HTTP Basic {@code Authorization} header values. */
public final class BasicAuth {
    private BasicAuth() {
    }

    /** {@code Basic base64(user:password)} */
    public static String header(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The header of {@link InMemoryServices}' one user. */
    public static String header() {
        return header(InMemoryServices.USER, InMemoryServices.PASSWORD);
    }
}
