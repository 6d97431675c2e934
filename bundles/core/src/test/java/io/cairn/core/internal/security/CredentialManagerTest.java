package io.cairn.core.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.core.internal.json.Json;
import io.cairn.testing.InMemoryConsistentStore;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin credential: generated once per cluster, stored only as a salted PBKDF2 hash, the
 * password in a 0600 file on the node that made it, the same credential on every node, logins
 * from the local copy while cut off.
 */
class CredentialManagerTest {
    @TempDir
    Path dir;

    private final InMemoryConsistentStore store = new InMemoryConsistentStore("n1");

    @Test
    void theFirstNodeGeneratesThePasswordAndStoresOnlyItsHash() throws Exception {
        CredentialManager n1 = new CredentialManager(store, dir.resolve("n1"));
        assertFalse(n1.ready());
        assertFalse(n1.verify("admin", "anything".toCharArray()), "a login before any credential exists");
        n1.syncOnce();
        assertTrue(n1.ready());
        Path file = dir.resolve("n1/admin.password");
        String password = Files.readString(file, StandardCharsets.UTF_8).trim();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(n1.verify("admin", password.toCharArray()));
        assertTrue(n1.verify("admin", password.toCharArray()), "a second (cached) login");

        String stored = store.getLocal("credential/admin").orElseThrow().value();
        assertFalse(stored.contains(password), "the password is in the store");
        PasswordHash hash = Json.read(stored, PasswordHash.class);
        assertEquals(PasswordHash.PBKDF2, hash.algorithm());
        assertEquals(PasswordHash.DEFAULT_ITERATIONS, hash.iterations());
        assertEquals(16, Base64.getDecoder().decode(hash.salt()).length);
        assertTrue(hash.matches(password.toCharArray()));
        assertEquals(hash, Json.read(Files.readString(dir.resolve("n1/credentials.json")), PasswordHash.class));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("n1/credentials.json"))));
    }

    @Test
    void onlyTheAdminWithTheRightPasswordGetsIn() throws Exception {
        CredentialManager n1 = new CredentialManager(store, dir.resolve("n1"));
        n1.syncOnce();
        char[] password = Files.readString(dir.resolve("n1/admin.password")).trim().toCharArray();
        assertFalse(n1.verify("admin", "wrong".toCharArray()));
        assertFalse(n1.verify("root", password), "another user with the admin's password");
        assertFalse(n1.verify("admin", new char[0]));
        assertFalse(n1.verify("admin", null));
        assertFalse(n1.verify(null, password));
        char[] almost = password.clone();
        almost[almost.length - 1] ^= 1;
        assertFalse(n1.verify("admin", almost));
    }

    @Test
    void otherNodesAdoptTheClustersCredentialAndWriteNoPassword() throws Exception {
        CredentialManager n1 = new CredentialManager(store, dir.resolve("n1"));
        n1.syncOnce();
        String stored = store.getLocal("credential/admin").orElseThrow().value();
        long index = store.health().commitIndex();
        CredentialManager n2 = new CredentialManager(store, dir.resolve("n2"));
        n2.syncOnce();
        assertTrue(n2.ready());
        assertEquals(index, store.health().commitIndex(), "a second node wrote a credential");
        assertEquals(stored, store.getLocal("credential/admin").orElseThrow().value());
        assertFalse(Files.exists(dir.resolve("n2/admin.password")), "only the node that generated it has the file");
        char[] password = Files.readString(dir.resolve("n1/admin.password")).trim().toCharArray();
        assertTrue(n2.verify("admin", password));
    }

    @Test
    void whileCutOffNoCredentialIsMadeAndAKnownOneStillWorks() throws Exception {
        store.cutOff(true);
        CredentialManager n1 = new CredentialManager(store, dir.resolve("n1"));
        n1.syncOnce();
        assertFalse(n1.ready());
        assertFalse(Files.exists(dir.resolve("n1/admin.password")), "a password nobody stored");
        store.cutOff(false);
        n1.syncOnce();
        assertTrue(n1.ready());
        char[] password = Files.readString(dir.resolve("n1/admin.password")).trim().toCharArray();

        // a restarted node that is cut off logs in from its local copy
        store.cutOff(true);
        CredentialManager restarted = new CredentialManager(store, dir.resolve("n1"));
        assertTrue(restarted.ready());
        assertTrue(restarted.verify("admin", password));
    }

    @Test
    void aRestoredNodePublishesItsLocalCopyIntoAnEmptyStore() throws Exception {
        CredentialManager n1 = new CredentialManager(store, dir.resolve("n1"));
        n1.syncOnce();
        char[] password = Files.readString(dir.resolve("n1/admin.password")).trim().toCharArray();
        // the cluster's state is rebuilt empty; the node keeps its data directory
        InMemoryConsistentStore fresh = new InMemoryConsistentStore("n1");
        CredentialManager again = new CredentialManager(fresh, dir.resolve("n1"));
        again.syncOnce();
        PasswordHash republished = Json.read(fresh.getLocal("credential/admin").orElseThrow().value(),
                PasswordHash.class);
        assertTrue(republished.matches(password), "the operator's password changed");
        assertTrue(again.verify("admin", password));
    }

    @Test
    void anUnreadableLocalCopyWaitsForTheClusters() throws Exception {
        Files.createDirectories(dir.resolve("n2"));
        Files.writeString(dir.resolve("n2/credentials.json"), "{not json");
        CredentialManager n2 = new CredentialManager(store, dir.resolve("n2"));
        assertFalse(n2.ready());
        CredentialManager n1 = new CredentialManager(store, dir.resolve("n1"));
        n1.syncOnce();
        n2.syncOnce();
        assertTrue(n2.ready());
        assertTrue(n2.verify("admin", Files.readString(dir.resolve("n1/admin.password")).trim().toCharArray()));
    }

    @Test
    void generatedPasswordsAre24UnambiguousCharacters() {
        String a = new String(CredentialManager.generatePassword());
        String b = new String(CredentialManager.generatePassword());
        assertEquals(24, a.length());
        assertTrue(a.matches("[A-HJ-NP-Za-km-z2-9]{24}"), a);
        assertFalse(a.equals(b), "two passwords alike");
    }

    @Test
    void badHashesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PasswordHash("MD5", 210_000, "c2FsdA==", "aGFzaA=="));
        assertThrows(IllegalArgumentException.class,
                () -> new PasswordHash(PasswordHash.PBKDF2, 1000, "c2FsdA==", "aGFzaA=="));
        assertThrows(NullPointerException.class,
                () -> new PasswordHash(PasswordHash.PBKDF2, 210_000, null, "aGFzaA=="));
        assertThrows(NullPointerException.class,
                () -> new PasswordHash(PasswordHash.PBKDF2, 210_000, "c2FsdA==", null));
    }
}
