package io.cairn.metering.internal;

import io.cairn.api.metering.MeteringSink;
import io.cairn.api.metering.UsageRecord;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sink that appends records to one CSV file per day of interval start ({@code usage-YYYY-MM-DD.csv}), fsynced
 * before it returns. Records re-delivered after a failure appear again with the same id. The {@code disk_mib}
 * column is last (a day file begun before it existed keeps its shorter header; its later rows have it). Active only
 * when {@code etc/io.cairn.metering.sink.csv.cfg} exists; its files are on the Raft leader of the moment.
 */
@Component(service = MeteringSink.class, configurationPid = CsvDailySink.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = MeteringSink.NAME_PROPERTY + "=csv")
@Designate(ocd = CsvDailySink.Config.class)
public class CsvDailySink implements MeteringSink {
    static final String PID = "io.cairn.metering.sink.csv";
    static final String HEADER = "id,interval_start,interval_seconds,tenant,vm_id,vm_name,node,epoch,vcpus,"
            + "memory_mib,cpu_nanos,disk_mib\n";

    @ObjectClassDefinition(name = "Cairn metering: daily CSV files")
    public @interface Config {
        @AttributeDefinition(name = "dir", description = "Directory of the daily files")
        String dir();
    }

    private Path dir;

    public CsvDailySink() {
    }

    CsvDailySink(Path dir) {
        this.dir = dir;
    }

    @Activate
    void activate(Config config) {
        dir = Path.of(config.dir());
    }

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public void deliver(List<UsageRecord> records) throws IOException {
        Files.createDirectories(dir);
        Map<LocalDate, StringBuilder> byDay = new TreeMap<>();
        for (UsageRecord r : records) {
            byDay.computeIfAbsent(LocalDate.ofInstant(r.intervalStart(), ZoneOffset.UTC), d -> new StringBuilder())
                    .append(line(r));
        }
        for (Map.Entry<LocalDate, StringBuilder> e : byDay.entrySet()) {
            append(dir.resolve("usage-" + e.getKey() + ".csv"), e.getValue().toString());
        }
    }

    static String line(UsageRecord r) {
        return r.id() + "," + r.intervalStart() + "," + r.intervalSeconds() + "," + r.tenant() + "," + r.vmId() + ","
                + r.vmName() + "," + r.node() + "," + r.epoch() + "," + r.vcpus() + "," + r.memoryMiB() + ","
                + r.cpuNanos() + "," + r.diskMiB() + "\n";
    }

    private static void append(Path file, String lines) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            String text = ch.size() == 0 ? HEADER + lines : lines;
            ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }
}
