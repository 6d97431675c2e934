package io.cairn.core.internal.security;

import io.cairn.api.security.CredentialService;
import io.cairn.api.state.ConsistentStore;
import io.cairn.core.internal.cluster.DataDirs;
import io.cairn.core.internal.json.Json;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The cluster's admin credential. The first node to commit one (a Raft write, so it needs a
 * majority) generates a random password, stores only its hash, and writes the password to
 * {@code data/cairn/admin.password} (mode 0600). Every node keeps a local copy of the hash so
 * that logins work without a majority.
 */
@Component(service = CredentialService.class, immediate = true)
public class CredentialManager implements CredentialService {
    public static final String ADMIN = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(CredentialManager.class);
    private static final char[] ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final long CACHE_NANOS = TimeUnit.MINUTES.toNanos(5);

    @Reference
    private ConsistentStore consistentStore;

    private final Map<String, Long> verified = new ConcurrentHashMap<>();

    private final Object hashing = new Object();
    private volatile PasswordHash admin;
    private CredentialStore store;
    private Path localCopy;
    private Path passwordFile;
    private ScheduledExecutorService timer;

    public CredentialManager() {
    }

    /** Outside OSGi (tests): files in {@code dir}, no timer; the test calls {@link #syncOnce()}. */
    CredentialManager(ConsistentStore consistentStore, Path dir) {
        this.consistentStore = consistentStore;
        open(dir);
    }

    @Activate
    void activate() {
        open(DataDirs.cairn());
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cairn-credentials");
            t.setDaemon(true);
            return t;
        });
        timer.schedule(this::sync, 0, TimeUnit.SECONDS);
    }

    private void open(Path dir) {
        localCopy = dir.resolve("credentials.json");
        passwordFile = dir.resolve("admin.password");
        store = new ConsistentCredentialStore(consistentStore);
        admin = readLocalCopy();
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    @Override
    public boolean verify(String user, char[] password) {
        PasswordHash hash = admin;
        if (hash == null || !ADMIN.equals(user) || password == null || password.length == 0) {
            return false;
        }
        // PBKDF2 is deliberately slow; remember recent successes so REST calls stay fast.
        String key = cacheKey(hash, password);
        Long until = verified.get(key);
        if (until != null && until - System.nanoTime() > 0) {
            return true;
        }
        // One PBKDF2 at a time: a burst of requests with the same new password (a client opening many connections)
        // costs one hash, not one per request, and guessing is slowed to one try per hash.
        synchronized (hashing) {
            until = verified.get(key);
            if (until != null && until - System.nanoTime() > 0) {
                return true;
            }
            boolean ok = hash.matches(password);
            if (ok) {
                if (verified.size() > 256) {
                    verified.clear();
                }
                verified.put(key, System.nanoTime() + CACHE_NANOS);
            }
            return ok;
        }
    }

    @Override
    public boolean ready() {
        return admin != null;
    }

    /** Every 2 s until the credential is in place, then every 30 s (it rarely changes). */
    private void sync() {
        try {
            syncOnce();
        } finally {
            if (!timer.isShutdown()) {
                timer.schedule(this::sync, admin == null ? 2 : 30, TimeUnit.SECONDS);
            }
        }
    }

    void syncOnce() {
        try {
            PasswordHash shared = store.get(ADMIN).orElse(null);
            if (shared == null) {
                shared = publish();
            }
            if (shared != null && !shared.equals(admin)) {
                writeLocalCopy(shared);
                admin = shared;
                verified.clear();
                LOG.info("Admin credential of the cluster is in place on this node");
            }
        } catch (RuntimeException | IOException e) {
            LOG.warn("Cannot synchronise the admin credential yet: {}", e.toString());
        }
    }

    /** Puts a credential into an empty store: our local copy (a restored node), or a new one. */
    private PasswordHash publish() throws IOException {
        if (admin != null) {
            store.createIfAbsent(ADMIN, admin);
            return store.get(ADMIN).orElse(null);
        }
        char[] password = generatePassword();
        PasswordHash hash = PasswordHash.of(password);
        if (store.createIfAbsent(ADMIN, hash)) {
            SecretFiles.write(passwordFile, new String(password) + "\n");
            LOG.info("Generated the cluster admin password; it is in {}", passwordFile);
        }
        return store.get(ADMIN).orElse(null);
    }

    private PasswordHash readLocalCopy() {
        try {
            if (Files.exists(localCopy)) {
                return Json.read(Files.readString(localCopy, StandardCharsets.UTF_8), PasswordHash.class);
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("Local credential copy {} is unreadable; waiting for the cluster's", localCopy, e);
        }
        return null;
    }

    private void writeLocalCopy(PasswordHash hash) throws IOException {
        SecretFiles.write(localCopy, Json.write(hash));
    }

    static char[] generatePassword() {
        SecureRandom random = new SecureRandom();
        char[] out = new char[24];
        for (int i = 0; i < out.length; i++) {
            out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return out;
    }

    private static String cacheKey(PasswordHash hash, char[] password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(hash.salt().getBytes(StandardCharsets.UTF_8));
            digest.update(new String(password).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
