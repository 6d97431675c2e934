package io.cairn.metering.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.api.metering.Price;
import io.cairn.api.metering.PriceList;
import io.cairn.api.metering.Statement;
import io.cairn.api.metering.StatementLine;
import io.cairn.api.metering.UsageRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatementTest {
    private static final YearMonth DEC = YearMonth.of(2026, 12);
    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    private static final PriceList PRICES = new PriceList(List.of(
            new Price(Instant.EPOCH, new BigDecimal("1"), new BigDecimal("0.5"), new BigDecimal("2")),
            new Price(Instant.parse("2026-12-15T00:00:00Z"), new BigDecimal("3"), new BigDecimal("0"),
                    new BigDecimal("0"))));

    private static List<UsageRecord> month() {
        List<UsageRecord> out = new ArrayList<>();
        for (int vm = 0; vm < 5; vm++) {
            for (int i = 0; i < 200; i++) {
                out.add(Records.record(Records.vm(vm), "vm" + vm, vm % 2 == 0 ? "blue" : "green",
                        START.plusSeconds(i * 3L * 3600 + vm), 7, 1 + vm, 96 + vm, 1_234_567L * i));
            }
        }
        return out;
    }

    @Test
    void theSameRecordsInAnyOrderGiveByteIdenticalStatements() throws Exception {
        List<UsageRecord> records = month();
        Statement first = new StatementBuilder(DEC, null, PRICES).addAll(records).build();
        ObjectMapper json = Json.MAPPER;
        String csv = first.toCsv();
        String asJson = json.writeValueAsString(first);
        Random random = new Random(42);
        for (int round = 0; round < 5; round++) {
            List<UsageRecord> shuffled = new ArrayList<>(records);
            Collections.shuffle(shuffled, random);
            Statement again = new StatementBuilder(DEC, null, PRICES).addAll(shuffled).build();
            assertEquals(csv, again.toCsv());
            assertEquals(asJson, json.writeValueAsString(again));
        }
        assertTrue(csv.startsWith(Statement.CSV_HEADER + "\nvm,2026-12,blue,"), csv);
        assertEquals(5 + 2 + 1 + 1, csv.split("\n").length, csv);
        assertTrue(asJson.contains("\"points\":"), asJson);
    }

    @Test
    void pricesApplyFromTheirEffectiveDateOnly() {
        UsageRecord before = Records.record(Records.vm(1), "a", "blue", Instant.parse("2026-12-14T23:00:00Z"), 3600,
                2, 1024, 1_800_000_000_000L);
        UsageRecord after = Records.record(Records.vm(1), "a", "blue", Instant.parse("2026-12-15T00:00:00Z"), 3600,
                2, 1024, 0);
        StatementLine line = new StatementBuilder(DEC, null, PRICES).add(before).add(after).build().lines().get(0);
        // before: 2 vCPU-h × 1 + 1 GiB-h × 0.5 + 0.5 CPU-h × 2 = 3.5; after: 2 × 3 = 6
        assertEquals(new BigDecimal("9.500000"), line.points());
        assertEquals(new BigDecimal("4.000000"), line.vcpuHours());
        assertEquals(new BigDecimal("2.000000"), line.memoryGiBHours());
        assertEquals(new BigDecimal("0.500000"), line.cpuHours());
        assertEquals(2, line.intervals());
        StatementLine onlyBefore = new StatementBuilder(DEC, null, PRICES).add(before).build().lines().get(0);
        assertEquals(new BigDecimal("3.500000"), onlyBefore.points(), "a later price leaves earlier points alone");
    }

    @Test
    void tenantsAreTotalledAndFiltered() {
        Statement all = new StatementBuilder(DEC, null, PRICES).addAll(month()).build();
        assertEquals(List.of("blue", "green"), all.tenants().stream().map(t -> t.tenant()).toList());
        assertEquals(3, all.tenants().get(0).vms());
        assertEquals(all.points(), all.tenants().get(0).points().add(all.tenants().get(1).points()));
        Statement green = new StatementBuilder(DEC, "green", PRICES).addAll(month()).build();
        assertEquals(2, green.lines().size());
        assertEquals(all.tenants().get(1).points(), green.points());
        assertTrue(green.toCsv().endsWith("total,2026-12,green,,,,,,," + green.points().toPlainString() + ",,\n"),
                green.toCsv());
    }

    @Test
    void disksArePricedPerGibHourRunningOrStoppedAndOnlyRunIntervalsCountAsIntervals() {
        PriceList prices = new PriceList(List.of(new Price(Instant.EPOCH, new BigDecimal("1"), new BigDecimal("0.5"),
                BigDecimal.ZERO, new BigDecimal("0.1"))));
        UUID id = Records.vm(1);
        Instant t = Instant.parse("2026-12-03T00:00:00Z");
        // stopped for an hour with 1.5 GiB of disks, then ran an hour with them: 1 vCPU, 512 MiB
        UsageRecord stopped = UsageRecord.diskOnly(id, "db", "blue", "n1", 7, t, 3600, 1536);
        UsageRecord ran = new UsageRecord(id, "db", "blue", "n1", 7, t.plusSeconds(3600), 3600, 1, 512, 0, 1536);
        Statement s = new StatementBuilder(DEC, null, prices).add(stopped).add(ran).build();
        StatementLine line = s.lines().get(0);
        assertEquals(1, line.intervals(), "intervals are those the VM ran");
        assertEquals(2, line.diskIntervals());
        assertEquals(new BigDecimal("3.000000"), line.diskGiBHours());
        assertEquals(new BigDecimal("1.000000"), line.vcpuHours());
        assertEquals(new BigDecimal("0.500000"), line.memoryGiBHours());
        // 1 vCPU-h × 1 + 0.5 GiB-h × 0.5 + 3 disk GiB-h × 0.1 = 1.55
        assertEquals(new BigDecimal("1.550000"), line.points());
        assertEquals(new BigDecimal("3.000000"), s.tenants().get(0).diskGiBHours());
        assertEquals(2, s.tenants().get(0).diskIntervals());
        assertTrue(s.toCsv().contains(",1.550000,2,3.000000\n"), s.toCsv());
        assertTrue(s.toCsv().contains("tenant,2026-12,blue,,,1,,,,1.550000,2,3.000000\n"), s.toCsv());
    }

    @Test
    void aVmThatWasOnlyStoppedHasALineWithNoRunIntervalAndItsDisks() {
        PriceList prices = new PriceList(List.of(new Price(Instant.EPOCH, BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ONE, new BigDecimal("0.000001"))));
        Statement s = new StatementBuilder(DEC, null, prices).add(UsageRecord.diskOnly(Records.vm(2), "archive",
                "green", "n1", 7, Instant.parse("2026-12-04T00:00:00Z"), 60, 1)).build();
        StatementLine line = s.lines().get(0);
        assertEquals(0, line.intervals());
        assertEquals(1, line.diskIntervals());
        assertEquals(0, s.tenants().get(0).intervals());
        // 1 MiB for 60 s: 60 / (1024 × 3600) GiB-h, exactly 0.0000162760..., rounded once, half-even, 6 decimals
        assertEquals(new BigDecimal("0.000016"), line.diskGiBHours());
        assertEquals(new BigDecimal("0.000000"), line.points(), "0.000016 × 0.000001 rounds to 0");
        assertEquals(new BigDecimal("0.000000"), line.vcpuHours());
    }

    @Test
    void diskSumsAreExactWhateverTheOrderOfTheRecords() throws Exception {
        PriceList prices = new PriceList(List.of(new Price(Instant.EPOCH, BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ZERO, new BigDecimal("0.333333"))));
        List<UsageRecord> records = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Instant at = START.plusSeconds(i * 7L);
            records.add(i % 3 == 0 ? new UsageRecord(Records.vm(1), "a", "blue", "n1", 7, at, 7, 1, 64, 11, 1 + i)
                    : UsageRecord.diskOnly(Records.vm(1), "a", "blue", "n1", 7, at, 7, 1 + i));
        }
        Statement first = new StatementBuilder(DEC, null, prices).addAll(records).build();
        Collections.shuffle(records, new Random(3));
        Statement again = new StatementBuilder(DEC, null, prices).addAll(records).build();
        assertEquals(first.toCsv(), again.toCsv());
        assertEquals(Json.MAPPER.writeValueAsString(first), Json.MAPPER.writeValueAsString(again));
        long mibSeconds = 0;
        for (int i = 0; i < 500; i++) {
            mibSeconds += (1 + i) * 7L;
        }
        assertEquals(BigDecimal.valueOf(mibSeconds).divide(BigDecimal.valueOf(1024 * 3600), 6,
                java.math.RoundingMode.HALF_EVEN), first.lines().get(0).diskGiBHours());
        assertEquals(167, first.lines().get(0).intervals());
        assertEquals(500, first.lines().get(0).diskIntervals());
    }

    @Test
    void recordsAndPricesStoredBeforeDisksWereMeteredStillRead() {
        UsageRecord old = Json.read("{\"vmId\":\"" + Records.vm(1) + "\",\"vmName\":\"a\",\"tenant\":\"blue\","
                + "\"node\":\"n1\",\"epoch\":7,\"intervalStart\":\"2026-12-01T00:00:00Z\",\"intervalSeconds\":60,"
                + "\"vcpus\":1,\"memoryMiB\":64,\"cpuNanos\":5}", UsageRecord.class);
        assertEquals(new UsageRecord(Records.vm(1), "a", "blue", "n1", 7, START, 60, 1, 64, 5), old);
        assertEquals(0, old.diskMiB());
        Price price = Json.read("{\"effectiveFrom\":\"1970-01-01T00:00:00Z\",\"vcpuHour\":1,\"memoryGiBHour\":0.5,"
                + "\"cpuHour\":0}", Price.class);
        assertEquals(new Price(Instant.EPOCH, BigDecimal.ONE, new BigDecimal("0.5"), BigDecimal.ZERO), price);
        assertEquals(new BigDecimal("0.000000"), price.diskGiBHour());
        // and a record written now reads back with its disks
        UsageRecord now = UsageRecord.diskOnly(Records.vm(1), "a", "blue", "n1", 7, START, 60, 64);
        assertEquals(now, Json.read(Json.write(now), UsageRecord.class));
    }

    @Test
    void aRecordAllocatesSomethingAndSaysWhatIsMissing() {
        IllegalArgumentException nothing = assertThrows(IllegalArgumentException.class,
                () -> UsageRecord.diskOnly(Records.vm(1), "a", "blue", "n1", 7, START, 60, 0));
        assertTrue(nothing.getMessage().contains("at least 1 MiB of disk"), nothing.getMessage());
        IllegalArgumentException half = assertThrows(IllegalArgumentException.class,
                () -> new UsageRecord(Records.vm(1), "a", "blue", "n1", 7, START, 60, 0, 64, 0, 10));
        assertTrue(half.getMessage().contains("at least 1 vCPU"), half.getMessage());
        IllegalArgumentException cpuOnly = assertThrows(IllegalArgumentException.class,
                () -> new UsageRecord(Records.vm(1), "a", "blue", "n1", 7, START, 60, 0, 0, 5, 10));
        assertTrue(cpuOnly.getMessage().contains("at least 1 vCPU"), cpuOnly.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new UsageRecord(Records.vm(1), "a", "blue", "n1", 7, START, 60, 1, 64, 0, -1));
    }

    @Test
    void aRecordOfAnotherMonthAndMalformedMonthsAreRefused() {
        StatementBuilder b = new StatementBuilder(DEC, null, PRICES);
        assertThrows(IllegalArgumentException.class, () -> b.add(Records.record(Records.vm(1), "a", "blue",
                Instant.parse("2026-11-30T23:59:00Z"), 60, 1, 64, 0)));
        IllegalArgumentException thirteen = assertThrows(IllegalArgumentException.class,
                () -> Statement.parseMonth("2026-13"));
        assertTrue(thirteen.getMessage().contains("2026-13"), thirteen.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Statement.parseMonth("2026-1"));
        assertThrows(IllegalArgumentException.class, () -> Statement.parseMonth(null));
    }
}
