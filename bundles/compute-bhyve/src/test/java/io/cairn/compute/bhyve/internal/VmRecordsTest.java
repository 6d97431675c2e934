package io.cairn.compute.bhyve.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VmRecordsTest {
    @Test
    void aRecordReadsBackAsWritten(@TempDir Path dir) {
        VmRecords records = new VmRecords(dir.resolve("run"));
        UUID id = UUID.randomUUID();
        VmRecord r = new VmRecord(id, "web1", "n2", 42, "cairn-web1", 81234, Instant.parse("2026-12-01T10:00:00.123Z"),
                1000, Map.of("disk:/pool/a.img", 1, "nic:02:00:00:00:00:01", 2, "rnd", 3),
                Map.of("02:00:00:00:00:01", "tap7"));
        records.put(r);
        assertEquals(r, records.get(id).orElseThrow());
        assertEquals(List.of(r), records.list());
        VmRecord moved = r.withOwner("n3", 57).withProcess(0, null);
        records.put(moved);
        assertEquals(moved, records.get(id).orElseThrow());
        records.delete(id);
        assertTrue(records.get(id).isEmpty());
    }

    @Test
    void aMissingRunDirectoryHasNoRecordsAndAnUnreadableRecordIsSkipped(@TempDir Path dir) throws Exception {
        assertEquals(List.of(), new VmRecords(dir.resolve("absent")).list());
        Files.writeString(dir.resolve(UUID.randomUUID() + ".vm"), "vm.id=not-a-uuid\n");
        assertEquals(List.of(), new VmRecords(dir).list());
    }

    @Test
    void aRecordRefusesValuesThatCannotBeTrue() {
        UUID id = UUID.randomUUID();
        assertThrows(IllegalArgumentException.class, () -> new VmRecord(id, "web1", "n1", 0, "cairn-web1", 0, null, 1000,
                Map.of(), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new VmRecord(id, "web1", "n1", 1, "cairn-web1", 0, null, 1000,
                Map.of(), Map.of("02:00:00:00:00:01", "tap0; rm -rf /")));
    }
}
