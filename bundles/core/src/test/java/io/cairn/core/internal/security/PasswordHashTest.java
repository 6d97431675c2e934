package io.cairn.core.internal.security;

import io.cairn.core.internal.json.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHashTest {
    @Test
    void matchesOnlyTheRightPasswordAndSurvivesJson() {
        char[] password = CredentialManager.generatePassword();
        PasswordHash hash = PasswordHash.of(password);
        PasswordHash copy = Json.read(Json.write(hash), PasswordHash.class);
        assertEquals(hash, copy);
        assertTrue(copy.matches(password));
        assertFalse(copy.matches("wrong".toCharArray()));
        assertNotEquals(hash.salt(), PasswordHash.of(password).salt());
        assertEquals(24, password.length);
    }
}
