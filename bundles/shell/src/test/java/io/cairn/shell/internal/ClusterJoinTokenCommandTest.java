package io.cairn.shell.internal;

import io.cairn.api.security.CertificateAuthorityService;
import io.cairn.api.security.JoinToken;
import io.cairn.api.security.SignedCertificate;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterJoinTokenCommandTest {
    private Duration askedTtl;
    private String askedReissue;

    private final CertificateAuthorityService ca = new CertificateAuthorityService() {
        @Override
        public SignedCertificate signNodeCertificate(String token, String csrPem) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JoinToken issueJoinToken(Duration ttl, String reissueFor) {
            askedTtl = ttl;
            askedReissue = reissueFor;
            return new JoinToken("abcdef.0123456789abcdef." + "0f".repeat(32), Instant.parse("2026-01-02T03:04:05Z"),
                    reissueFor);
        }
    };

    private static void set(Object target, String field, Object value) throws Exception {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }

    private String run(ClusterJoinTokenCommand command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            command.execute();
        } finally {
            System.setOut(previous);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheTokenFirstThenWhenItExpires() throws Exception {
        ClusterJoinTokenCommand command = new ClusterJoinTokenCommand();
        set(command, "ca", ca);
        String out = run(command);
        assertTrue(out.startsWith("abcdef.0123456789abcdef." + "0f".repeat(32) + "\n"), out);
        assertTrue(out.contains("valid until 2026-01-02T03:04:05Z, once"), out);
        assertEquals(null, askedTtl, "the configured default");
    }

    @Test
    void passesTheTtlAndTheMemberToReissue() throws Exception {
        ClusterJoinTokenCommand command = new ClusterJoinTokenCommand();
        set(command, "ca", ca);
        set(command, "ttlHours", 2L);
        set(command, "reissue", "n2");
        String out = run(command);
        assertEquals(Duration.ofHours(2), askedTtl);
        assertEquals("n2", askedReissue);
        assertTrue(out.contains("re-issue the certificate of n2"), out);
        set(command, "ttlHours", 0L);
        assertThrows(IllegalArgumentException.class, command::execute);
    }

    @Test
    void withoutTheCaItSaysWhereTheCaIs() {
        IllegalStateException e = assertThrows(IllegalStateException.class, new ClusterJoinTokenCommand()::execute);
        assertTrue(e.getMessage().contains("first configured member"), e.getMessage());
    }
}
