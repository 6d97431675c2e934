package io.cairn.storage.zfs.internal;

import io.cairn.api.storage.VolumeSnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code zfs get -H -p -r -o name,property,value creation,used DATASET} (zfs-fuse's
 * {@code zfs list} has no {@code -p}, and its {@code zfs get} no {@code -t}: the datasets' own lines
 * are skipped). One snapshot of a VM is {@code DATASET@NAME} with the same name on every child;
 * its creation is the parent's, its used bytes the sum over all of them.
 */
final class ZfsSnapshotList {
    private ZfsSnapshotList() {
    }

    static List<VolumeSnapshot> parse(String dataset, String out) {
        Map<String, long[]> byName = new LinkedHashMap<>(); // name -> {creation seconds, used bytes}
        for (String line : out.split("\n")) {
            String[] f = line.split("\t");
            if (f.length < 3) {
                continue;
            }
            int at = f[0].indexOf('@');
            if (at < 0 || !(f[0].startsWith(dataset + "@") || f[0].startsWith(dataset + "/"))) {
                continue;
            }
            String name = f[0].substring(at + 1);
            boolean top = f[0].substring(0, at).equals(dataset);
            long value = number(f[2].strip(), line);
            long[] s = byName.computeIfAbsent(name, k -> new long[] {Long.MAX_VALUE, 0});
            switch (f[1]) {
                case "creation" -> s[0] = top ? value : Math.min(s[0], value);
                case "used" -> s[1] += value;
                default -> {
                }
            }
        }
        List<VolumeSnapshot> snapshots = new ArrayList<>();
        byName.forEach((name, s) -> snapshots.add(new VolumeSnapshot(name,
                Instant.ofEpochSecond(s[0] == Long.MAX_VALUE ? 0 : s[0]), s[1])));
        snapshots.sort(java.util.Comparator.comparing(VolumeSnapshot::created));
        return snapshots;
    }

    private static long number(String value, String line) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("zfs get -p printed a value that is not a number: '" + line + "'", e);
        }
    }
}
