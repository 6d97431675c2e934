package io.cairn.storage.zfs.internal;

import io.cairn.api.storage.MemberStatus;
import io.cairn.api.storage.PoolHealth;
import io.cairn.api.storage.PoolObservation;
import io.cairn.api.storage.ScrubStatus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** On output captured from zfs-fuse 0.7 (raidz1 of a local file and two nbdfuse member files). */
class ZpoolStatusParserTest {

    static String fixture(String name) throws IOException {
        try (InputStream in = ZpoolStatusParserTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void onlineRaidz1OfThreeMembers() throws IOException {
        PoolObservation o = ZpoolStatusParser.parse("tank", fixture("zpool-status-online.txt"));
        assertEquals(PoolHealth.ONLINE, o.health());
        assertEquals("raidz1", o.layout());
        assertEquals(3, o.members().size());
        assertEquals("/work/run-storage-x/n1/nbd/n2/nbd", o.members().get(1).device());
        o.members().forEach(m -> assertEquals(PoolHealth.ONLINE, m.state()));
        assertEquals(ScrubStatus.State.NONE, o.scrub().state());
    }

    @Test
    void writeErrorsOfAFencedMember() throws IOException {
        PoolObservation o = ZpoolStatusParser.parse("tank", fixture("zpool-status-write-errors.txt"));
        MemberStatus fenced = o.members().get(1);
        assertEquals(94, fenced.writeErrors());
        assertEquals(0, fenced.readErrors());
        assertEquals(0, o.members().get(2).writeErrors());
    }

    @Test
    void degradedAfterAScrubWithAnUnavailableMember() throws IOException {
        PoolObservation o = ZpoolStatusParser.parse("tank", fixture("zpool-status-scrub.txt"));
        assertEquals(PoolHealth.DEGRADED, o.health());
        assertEquals(PoolHealth.UNAVAIL, o.members().get(1).state());
        assertEquals("experienced I/O failures", o.members().get(1).note());
        assertEquals(ScrubStatus.State.COMPLETED, o.scrub().state());
        assertEquals("scrub", o.scrub().kind());
        assertEquals(0, o.scrub().errors());
    }

    @Test
    void resilverNotesAreNotRepairs() throws IOException {
        PoolObservation o = ZpoolStatusParser.parse("tank", fixture("zpool-status-degraded-import.txt"));
        assertEquals("resilver", o.scrub().kind());
        assertEquals(3, o.members().get(1).checksumErrors());
        assertEquals("4.14M resilvered", o.members().get(1).note());
        assertEquals(0, o.scrub().repairedBytes());
    }

    @Test
    void repairedBytesAreSummedOverMembers() {
        String text = """
                  pool: p
                 state: ONLINE
                 scrub: scrub completed after 0h0m with 0 errors on Tue Dec  1 23:59:01 2026
                config:

                \tNAME        STATE     READ WRITE CKSUM
                \tp           ONLINE       0     0     0
                \t  raidz1-0  ONLINE       0     0     0
                \t    /d/a    ONLINE       0     0     5  1.50M repaired
                \t    /d/b    ONLINE       0     0     0  512 repaired
                \t    /d/c    ONLINE       0     0     0

                errors: No known data errors
                """;
        PoolObservation o = ZpoolStatusParser.parse("p", text);
        assertEquals(1572864 + 512, o.scrub().repairedBytes());
        assertEquals(5, o.members().get(0).checksumErrors());
    }

    @Test
    void aMemberMissingAtImportShowsAsItsGuidWithItsFormerPath() throws IOException {
        PoolObservation o = ZpoolStatusParser.parse("ts", fixture("zpool-status-import-missing-member.txt"));
        assertEquals(PoolHealth.DEGRADED, o.health());
        assertEquals("16629492074298471787", o.members().get(0).device());
        assertEquals(PoolHealth.UNAVAIL, o.members().get(0).state());
        assertEquals("was /work/run-storage-x/t/l/a/nbd", o.members().get(0).note());
    }

    @Test
    void anotherPoolsOutputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ZpoolStatusParser.parse("other", fixture("zpool-status-online.txt")));
    }

    @Test
    void sizes() {
        assertEquals(752L << 20, Sizes.parse("752M"));
        assertEquals((long) (4.14 * 1024 * 1024), Sizes.parse("4.14M"));
        assertEquals(0, Sizes.parse("-"));
        assertEquals(12, Sizes.parse("12"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse("12Q"));
    }
}
