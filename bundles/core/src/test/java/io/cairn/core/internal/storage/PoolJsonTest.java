package io.cairn.core.internal.storage;

import io.cairn.api.storage.MemberStatus;
import io.cairn.api.storage.Pool;
import io.cairn.api.storage.PoolHealth;
import io.cairn.api.storage.PoolMember;
import io.cairn.api.storage.PoolSpec;
import io.cairn.api.storage.PoolStatus;
import io.cairn.api.storage.ScrubStatus;
import io.cairn.api.storage.VolumeBackend;
import io.cairn.core.internal.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The stored and published forms of pools read back as written. */
class PoolJsonTest {
    @Test
    void statusAndPoolRoundTrip() {
        PoolStatus status = new PoolStatus("tank", "n1", 54, true, PoolHealth.ONLINE, "raidz1",
                List.of(new MemberStatus("n2", "/var/lib/cairn/attach/tank/n2/nbd", PoolHealth.ONLINE, 0, 1, 2, "")),
                new ScrubStatus(ScrubStatus.State.COMPLETED, "scrub", 0, 4096, "scrub completed"), 1L << 30, 1L << 20,
                VolumeBackend.FILE, "", Instant.parse("2026-12-02T00:00:00Z"));
        String json = Json.write(status);
        assertEquals(status, Json.read(json, PoolStatus.class), json);
        Pool pool = new Pool(new PoolSpec("tank", 1, null, false, "n1"), List.of(new PoolMember("n1", "/d/1"),
                new PoolMember("n2", "/d/2"), new PoolMember("n3", "/d/3")), 10809, Instant.parse("2026-12-02T00:00:00Z"));
        assertEquals(pool, Json.read(Json.write(pool), Pool.class), Json.write(pool));
    }

    @Test
    void anImageRecordWrittenBeforeCopiesReadsAsOnItsOnePoolAndCopiesRoundTrip() {
        io.cairn.api.storage.Image old = Json.read("{\"name\":\"deb\",\"pool\":\"tank\",\"format\":\"qcow2\","
                + "\"sizeBytes\":1048576,\"created\":\"2026-12-02T00:00:00Z\"}", io.cairn.api.storage.Image.class);
        assertEquals(List.of("tank"), old.pools());
        io.cairn.api.storage.Image copied = old.withCopy("alpha");
        assertEquals(List.of("alpha", "tank"), copied.pools());
        assertEquals(copied, Json.read(Json.write(copied), io.cairn.api.storage.Image.class), Json.write(copied));
        assertEquals("tank", copied.pool());
        assertEquals("alpha", copied.withoutCopy("tank").pool());
    }
}
