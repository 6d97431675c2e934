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
        assertTrue(green.toCsv().endsWith("total,2026-12,green,,,,,,," + green.points().toPlainString() + "\n"));
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
