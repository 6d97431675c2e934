package io.cairn.storage.zfs.internal;

import io.cairn.api.storage.MemberStatus;
import io.cairn.api.storage.PoolHealth;
import io.cairn.api.storage.PoolObservation;
import io.cairn.api.storage.ScrubStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the text of {@code zpool status POOL} (zfs-fuse 0.7 has no script mode for it; OpenZFS
 * prints the same layout): the pool's state, the scan line and the config table, whose rows are
 * NAME STATE READ WRITE CKSUM [note], nested by indentation.
 */
final class ZpoolStatusParser {
    private static final Pattern ROW = Pattern.compile("^(\\s*)(\\S+)\\s+([A-Z]+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*(.*)$");
    private static final Pattern ERRORS = Pattern.compile("with (\\d+) errors?");
    private static final Pattern NOTE_SIZE = Pattern.compile("([0-9.]+[BKMGTPE]?)\\s+(repaired|resilvered)");

    private ZpoolStatusParser() {
    }

    static PoolObservation parse(String pool, String text) {
        PoolHealth health = PoolHealth.UNKNOWN;
        String scan = "";
        boolean inConfig = false;
        List<Row> rows = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith("state:")) {
                health = health(t.substring(6).strip());
            } else if (t.startsWith("scrub:") || t.startsWith("scan:")) {
                scan = t.substring(t.indexOf(':') + 1).strip();
            } else if (t.equals("config:")) {
                inConfig = true;
            } else if (t.startsWith("errors:")) {
                inConfig = false;
            } else if (inConfig) {
                Matcher m = ROW.matcher(line.replace("\t", "        "));
                if (m.matches() && !m.group(2).equals("NAME")) {
                    rows.add(new Row(m.group(1).length(), m.group(2), health(m.group(3)), Long.parseLong(m.group(4)),
                            Long.parseLong(m.group(5)), Long.parseLong(m.group(6)), m.group(7).strip()));
                }
            }
        }
        if (rows.isEmpty() || !rows.get(0).name().equals(pool)) {
            throw new IllegalArgumentException("zpool status of " + pool + " has no config table for it: " + text.strip());
        }
        int poolIndent = rows.get(0).indent();
        String layout = "";
        int vdevIndent = -1;
        List<MemberStatus> members = new ArrayList<>();
        long repaired = 0;
        for (Row row : rows.subList(1, rows.size())) {
            if (vdevIndent < 0 && row.indent() > poolIndent) {
                vdevIndent = row.indent();
            }
            if (row.indent() == vdevIndent) {
                if (layout.isEmpty()) {
                    layout = row.name().replaceFirst("-\\d+$", "");
                }
                if (!row.name().startsWith("raidz") && !row.name().startsWith("mirror")) {
                    members.add(row.member()); // a plain top-level device
                }
            } else if (row.indent() > vdevIndent) {
                members.add(row.member());
            }
            Matcher size = NOTE_SIZE.matcher(row.note());
            if (size.find() && size.group(2).equals("repaired")) {
                repaired += Sizes.parse(size.group(1));
            }
        }
        return new PoolObservation(pool, health, layout, members, scrub(scan, repaired), 0, 0);
    }

    private static ScrubStatus scrub(String scan, long repaired) {
        if (scan.isEmpty() || scan.startsWith("none")) {
            return new ScrubStatus(ScrubStatus.State.NONE, "", 0, repaired, scan);
        }
        String kind = scan.startsWith("resilver") ? "resilver" : "scrub";
        ScrubStatus.State state = scan.contains("in progress") ? ScrubStatus.State.RUNNING
                : ScrubStatus.State.COMPLETED;
        Matcher m = ERRORS.matcher(scan);
        long errors = m.find() ? Long.parseLong(m.group(1)) : 0;
        return new ScrubStatus(state, kind, errors, repaired, scan);
    }

    static PoolHealth health(String word) {
        try {
            return PoolHealth.valueOf(word.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return PoolHealth.UNKNOWN;
        }
    }

    private record Row(int indent, String name, PoolHealth state, long read, long write, long cksum, String note) {
        MemberStatus member() {
            return new MemberStatus(null, name, state, read, write, cksum, note);
        }
    }
}
