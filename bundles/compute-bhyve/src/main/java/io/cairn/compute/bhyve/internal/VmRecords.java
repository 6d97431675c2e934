package io.cairn.compute.bhyve.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The VM records under the run directory, one {@code <vm id>.vm} file each (Java properties), written
 * atomically and fsynced: a crash leaves the old record or the new one, never half of one.
 */
public final class VmRecords {
    private static final Logger LOG = LoggerFactory.getLogger(VmRecords.class);
    private static final String SUFFIX = ".vm";
    private static final String SLOT = "slot.";
    private static final String TAP = "tap.";

    private final Path dir;

    public VmRecords(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The file bhyve's and bhyveload's output of a VM goes to. */
    public Path outputLog(UUID vmId) {
        return dir.resolve(vmId + ".log");
    }

    /** Every readable record; an unreadable one is logged and left for an operator. */
    public List<VmRecord> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<VmRecord> result = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                try {
                    result.add(read(file));
                } catch (IllegalArgumentException | IOException e) {
                    LOG.error("bhyve VM record {} is unreadable and ignored; the VM it describes is not managed until it "
                            + "is fixed or removed: {}", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the bhyve run directory " + dir, e);
        }
        return List.copyOf(result);
    }

    public Optional<VmRecord> get(UUID vmId) {
        Path file = dir.resolve(vmId + SUFFIX);
        try {
            return Optional.of(read(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bhyve VM record " + file, e);
        }
    }

    public void put(VmRecord r) {
        Properties p = new Properties();
        p.setProperty("vm.id", r.vmId().toString());
        p.setProperty("vm.name", r.vmName());
        p.setProperty("owner", r.owner());
        p.setProperty("epoch", Long.toString(r.epoch()));
        p.setProperty("bhyve.name", r.bhyveName());
        p.setProperty("pid", Long.toString(r.pid()));
        p.setProperty("pid.start", r.pidStart() == null ? "" : r.pidStart().toString());
        p.setProperty("nmdm.unit", Integer.toString(r.nmdmUnit()));
        r.slots().forEach((k, v) -> p.setProperty(SLOT + k, Integer.toString(v)));
        r.taps().forEach((k, v) -> p.setProperty(TAP + k, v));
        StringWriter text = new StringWriter();
        try {
            p.store(text, "Cairn bhyve VM record: the VM, its owner and epoch (fencing token), process and host resources");
            Files.createDirectories(dir);
            Path tmp = dir.resolve(r.vmId() + SUFFIX + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.ISO_8859_1)));
                ch.force(true);
            }
            Files.move(tmp, dir.resolve(r.vmId() + SUFFIX), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bhyve VM record of " + r.vmName() + " in " + dir, e);
        }
    }

    public void delete(UUID vmId) {
        try {
            Files.deleteIfExists(dir.resolve(vmId + SUFFIX));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the bhyve VM record of " + vmId + " in " + dir, e);
        }
    }

    private static VmRecord read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            p.load(in);
        }
        Map<String, Integer> slots = new TreeMap<>();
        Map<String, String> taps = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(SLOT)) {
                slots.put(key.substring(SLOT.length()), number(p, key));
            } else if (key.startsWith(TAP)) {
                taps.put(key.substring(TAP.length()), p.getProperty(key));
            }
        }
        String start = p.getProperty("pid.start", "");
        try {
            return new VmRecord(UUID.fromString(required(p, "vm.id")), required(p, "vm.name"), required(p, "owner"),
                    Long.parseLong(required(p, "epoch")), required(p, "bhyve.name"), Long.parseLong(required(p, "pid")),
                    start.isEmpty() ? null : Instant.parse(start), number(p, "nmdm.unit"), slots, taps);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("lacks " + key);
        }
        return v;
    }

    private static int number(Properties p, String key) {
        return Integer.parseInt(required(p, key));
    }
}
