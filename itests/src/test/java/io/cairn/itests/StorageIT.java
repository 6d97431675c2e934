package io.cairn.itests;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.metering.Capacity;
import io.cairn.api.metering.License;
import io.cairn.api.metering.LicenseKind;
import io.cairn.metering.tool.CairnLicense;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cluster pools on real zfs-fuse daemons (one per node, in the node's mount namespace) with
 * member disks served over real NBD (nbdkit on members, nbdfuse on the owner). Every check is on
 * what the backend shows: {@code zpool status}/{@code zpool list}/{@code zfs get} in the nodes'
 * namespaces and the nbdkit processes in them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorageIT {
    private static final String POOL = "tank";
    private static final Pattern MEMBER_LINE = Pattern.compile("^\\s+(/var/lib/cairn/attach/tank/(n\\d+)/nbd)\\s+(\\w+)",
            Pattern.MULTILINE);
    private static LocalCluster cluster;
    private static long epoch;

    @BeforeAll
    static void boot() {
        cluster = LocalCluster.get();
        cluster.heal();
    }

    /** A test that failed half-way must not leave a node down for the next one. */
    @org.junit.jupiter.api.AfterEach
    void bringEveryNodeBack() {
        cluster.heal();
    }

    @Test
    @Order(1)
    void aPoolIsRaidz1OfOneDiskPerNodeWithTwoServedOverNbd() throws IOException {
        long t0 = System.nanoTime();
        Rest.Response created = post("n2", "{\"name\":\"tank\",\"redundancy\":1,\"owner\":\"n1\"}");
        assertEquals(201, created.status(), created.body());
        assertEquals("n1", created.json().at("/owner/node").asText());
        epoch = created.json().at("/owner/epoch").asLong();
        assertTrue(epoch > 0, created.body());
        Duration online = LocalCluster.await("pool tank ONLINE in its status", Duration.ofSeconds(120),
                () -> "ONLINE".equalsIgnoreCase(status("n3").path("health").asText()));
        System.out.printf("pool tank: created and ONLINE after %d ms (REST answered in %d ms)%n", online.toMillis(),
                (System.nanoTime() - t0) / 1_000_000 - online.toMillis());

        String status = cluster.exec("n1", "zpool", "status", POOL);
        System.out.println(status);
        assertTrue(status.contains("raidz1-0"), status);
        Map<String, String> members = members(status);
        assertEquals(Map.of("n1", "ONLINE", "n2", "ONLINE", "n3", "ONLINE"), members, status);
        assertEquals(String.valueOf(epoch), cluster.exec("n1", "zfs", "get", "-H", "-o", "value", "cairn:epoch", POOL).strip());
        for (String member : List.of("n2", "n3")) {
            List<String> servers = nbdkitIn(member);
            assertEquals(1, servers.size(), member + " runs one nbdkit in its namespace: " + servers);
            String cmd = servers.get(0);
            assertTrue(cmd.contains("file=/var/lib/cairn/disks/" + member + "-d0.img"), cmd);
            assertTrue(cmd.contains("exportname=tank.n1.e" + epoch) && cmd.contains("exportname-strict=true"), cmd);
            assertEquals(List.of(), imported(member), member + " imports nothing");
        }
        assertTrue(nbdkitIn("n1").isEmpty(), "the owner exports nothing of its own pool");
        String shell = Ssh.run(cluster.address("n3"), cluster.sshPort("n3"), "admin", cluster.password(), "pool:list");
        assertTrue(shell.contains("tank") && shell.contains("ONLINE") && shell.contains("n1"), shell);
    }

    // ---------------------------------------------------------------- VM snapshots and clones (60..69)
    // after the VM-disk tests (6, 7) and before the pool's deletion (99), which needs no VM left with disks

    private static final Pattern DISK_LINE = Pattern.compile("cairn-guest: disk vda read (\\w+) wrote (\\w+)");
    private static final String SNAP_NET = "st-snapnet";
    /** The VM snapshotted (60), its id, its clone, the value its first boot wrote, and the pool's owner. */
    private static String snapSourceId;
    private static String snapCloneId;
    private static String snapValueA;
    private static String snapOwner;

    @Test
    @Order(60)
    void aVmSnapshotCoversAllItsDisksAndRecordsItsSpecAndACloneOfItBootsWhatItHeld() throws IOException {
        snapOwner = pool("n1").at("/owner/node").asText();
        Rest.Response net = Rest.post(cluster.restBase("n1") + "/networks", "{\"name\":\"" + SNAP_NET
                + "\",\"kind\":\"geneve\",\"vni\":5601,\"subnet\":\"10.66.0.0/24\"}", "admin", cluster.password());
        assertEquals(201, net.status(), net.body());
        String disks = "[{\"name\":\"data\",\"pool\":\"tank\",\"sizeMiB\":64},{\"name\":\"logs\",\"pool\":\"tank\",\"sizeMiB\":16}]";
        Rest.Response created = Rest.post(cluster.restBase("n2") + "/vms", diskGuest("st-snap", disks,
                "\"nics\":[{\"network\":\"" + SNAP_NET + "\"}],"), "admin", cluster.password());
        assertEquals(201, created.status(), created.body());
        snapSourceId = created.json().at("/vm/id").asText();
        String mac = created.json().at("/vm/spec/nics/0/mac").asText();
        String[] first = bootOnce("st-snap");
        assertEquals("none", first[0], "a new disk is blank");
        snapValueA = first[1];

        long t0 = System.nanoTime();
        Rest.Response snap = Rest.post(cluster.restBase("n3") + "/vms/st-snap/snapshots", "{\"name\":\"s1\"}", "admin",
                cluster.password());
        assertEquals(202, snap.status(), snap.body());
        JsonNode task = awaitTask("n3", snap.json().path("id").asText());
        assertEquals("succeeded", task.path("state").asText(), task.toString());
        System.out.printf("BENCH snapshot of a stopped VM with 64 + 16 MiB disks: %d ms (REST to task done; %s)%n",
                (System.nanoTime() - t0) / 1_000_000, task.path("message").asText());
        String ds = "tank/vms/" + snapSourceId;
        List<String> snapshots = zfsSnapshots(snapOwner);
        System.out.println("zfs list -t snapshot on " + snapOwner + ": " + snapshots);
        assertTrue(snapshots.containsAll(List.of(ds + "@s1", ds + "/data@s1", ds + "/logs@s1")), snapshots.toString());
        JsonNode record = Rest.get(cluster.restBase("n1") + "/vms/st-snap/snapshots/s1", "admin", cluster.password()).json();
        assertEquals(mac, record.at("/spec/nics/0/mac").asText(), "the record keeps the NIC's MAC: " + record);
        assertEquals(SNAP_NET, record.at("/spec/nics/0/network").asText(), record.toString());
        assertEquals(2, record.at("/spec/disks").size(), record.toString());

        String[] second = bootOnce("st-snap");
        assertEquals(snapValueA, second[0], "the second boot reads what the first wrote");

        t0 = System.nanoTime();
        Rest.Response clone = Rest.post(cluster.restBase("n2") + "/vms/st-snap/clone",
                "{\"name\":\"st-snap-clone\",\"snapshot\":\"s1\"}", "admin", cluster.password());
        assertEquals(202, clone.status(), clone.body());
        JsonNode cloned = awaitTask("n2", clone.json().path("id").asText());
        assertEquals("succeeded", cloned.path("state").asText(), cloned.toString());
        System.out.printf("BENCH clone of 64 + 16 MiB disks: %d ms (REST to task done; %s)%n",
                (System.nanoTime() - t0) / 1_000_000, cloned.path("message").asText());
        JsonNode copy = Rest.get(cluster.restBase("n1") + "/vms/st-snap-clone", "admin", cluster.password()).json();
        snapCloneId = copy.at("/vm/id").asText();
        assertNotEquals(snapSourceId, snapCloneId);
        assertNotEquals(mac, copy.at("/vm/spec/nics/0/mac").asText(), "a clone gets a new MAC: " + copy);
        assertEquals(SNAP_NET, copy.at("/vm/spec/nics/0/network").asText());
        for (String disk : List.of("data", "logs")) {
            assertEquals(ds + "/" + disk + "@s1", cluster.exec(snapOwner, "zfs", "get", "-H", "-o", "value", "origin",
                    "tank/vms/" + snapCloneId + "/" + disk).strip());
        }
        String[] fromClone = bootOnce("st-snap-clone");
        assertEquals(snapValueA, fromClone[0], "the clone holds the disk as it was at s1");
        String xml = Virsh.run(cluster, snapOwner, "list", "--all", "--name");
        assertTrue(!xml.contains("cairn-st-snap-clone"), "stopped: " + xml);
    }

    @Test
    @Order(61)
    void aTakenNameAndARunningVmsRollbackAreRefusedOnEveryNodeAndAStoppedVmRollsBack() {
        Map<String, List<String>> before = new HashMap<>();
        cluster.nodes().forEach(n -> before.put(n, zfsSnapshots(n)));
        Rest.Response taken = Rest.post(cluster.restBase("n1") + "/vms/st-snap/snapshots", "{\"name\":\"s1\"}", "admin",
                cluster.password());
        assertEquals(409, taken.status(), taken.body());
        assertTrue(taken.body().contains("already has a snapshot named 's1'"), taken.body());
        Rest.Response bad = Rest.post(cluster.restBase("n1") + "/vms/st-snap/snapshots", "{\"name\":\"a b\"}", "admin",
                cluster.password());
        assertEquals(422, bad.status(), bad.body());
        Rest.Response held = Rest.delete(cluster.restBase("n1") + "/vms/st-snap/snapshots/s1", "admin", cluster.password());
        assertEquals(409, held.status(), held.body());
        assertTrue(held.body().contains("st-snap-clone"), held.body());
        Rest.Response source = Rest.delete(cluster.restBase("n1") + "/vms/st-snap", "admin", cluster.password());
        assertEquals(409, source.status(), source.body());
        assertTrue(source.body().contains("st-snap-clone"), source.body());

        assertEquals(202, Rest.post(cluster.restBase("n2") + "/vms/st-snap/start", "", "admin", cluster.password()).status());
        Rest.Response running = Rest.post(cluster.restBase("n2") + "/vms/st-snap/snapshots/s1/rollback", "", "admin",
                cluster.password());
        assertEquals(409, running.status(), running.body());
        assertTrue(running.body().contains("stop it"), running.body());
        assertEquals(202, Rest.post(cluster.restBase("n2") + "/vms/st-snap/stop", "", "admin", cluster.password()).status());
        LocalCluster.await("st-snap stopped", Duration.ofSeconds(120),
                () -> !Virsh.running(cluster, snapOwner).contains("cairn-st-snap"));
        for (String node : cluster.nodes()) {
            assertEquals(before.get(node), zfsSnapshots(node), "zfs list -t snapshot on " + node + " after the refusals");
        }

        Rest.Response rollback = Rest.post(cluster.restBase("n3") + "/vms/st-snap/snapshots/s1/rollback", "", "admin",
                cluster.password());
        assertEquals(202, rollback.status(), rollback.body());
        JsonNode task = awaitTask("n3", rollback.json().path("id").asText());
        assertEquals("succeeded", task.path("state").asText(), task.toString());
        String[] after = bootOnce("st-snap");
        assertEquals(snapValueA, after[0], "after the rollback the disk holds what it held at s1 again");
    }

    @Test
    @Order(62)
    void aDeletedVmsDatasetsGoUnlessKeptAndA512MiBDiskSnapshotsAndClonesInConstantTime() {
        String big = "[{\"name\":\"data\",\"pool\":\"tank\",\"sizeMiB\":512}]";
        Rest.Response created = Rest.post(cluster.restBase("n1") + "/vms", diskGuest("st-snap-big", big, ""), "admin",
                cluster.password());
        assertEquals(201, created.status(), created.body());
        String bigId = created.json().at("/vm/id").asText();
        bootOnce("st-snap-big");
        String image = "/var/lib/cairn/pools/tank/vms/" + bigId + "/data/disk.img";
        for (int seek : new int[] {8, 200, 500}) { // sparse: 4 MiB at three places of the 512 MiB
            cluster.exec(snapOwner, "dd", "if=/dev/urandom", "of=" + image, "bs=1M", "count=4", "seek=" + seek,
                    "conv=notrunc,fsync", "status=none");
        }
        long t0 = System.nanoTime();
        Rest.Response snap = Rest.post(cluster.restBase("n1") + "/vms/st-snap-big/snapshots", "{\"name\":\"b1\"}", "admin",
                cluster.password());
        assertEquals(202, snap.status(), snap.body());
        JsonNode task = awaitTask("n1", snap.json().path("id").asText());
        assertEquals("succeeded", task.path("state").asText(), task.toString());
        System.out.printf("BENCH snapshot of a 512 MiB disk (12 MiB written): %d ms (REST to task done)%n",
                (System.nanoTime() - t0) / 1_000_000);
        t0 = System.nanoTime();
        Rest.Response clone = Rest.post(cluster.restBase("n1") + "/vms/st-snap-big/clone", "{\"name\":\"st-snap-big2\"}",
                "admin", cluster.password());
        assertEquals(202, clone.status(), clone.body());
        JsonNode cloned = awaitTask("n1", clone.json().path("id").asText());
        assertEquals("succeeded", cloned.path("state").asText(), cloned.toString());
        System.out.printf("BENCH clone of a 512 MiB disk (12 MiB written, snapshot taken for it): %d ms (REST to task "
                + "done; %s)%n", (System.nanoTime() - t0) / 1_000_000, cloned.path("message").asText());
        String bigCloneId = Rest.get(cluster.restBase("n1") + "/vms/st-snap-big2", "admin", cluster.password()).json()
                .at("/vm/id").asText();
        assertTrue(zfsSnapshots(snapOwner).contains("tank/vms/" + bigId + "/data@clone-st-snap-big2"));

        // the clones go first (their origins keep the sources), with their datasets
        for (String[] vm : new String[][] {{"st-snap-clone", snapCloneId}, {"st-snap-big2", bigCloneId}}) {
            assertEquals(202, Rest.delete(cluster.restBase("n2") + "/vms/" + vm[0], "admin", cluster.password()).status());
            LocalCluster.await(vm[0] + "'s datasets gone from zfs list on " + snapOwner, Duration.ofSeconds(120),
                    () -> datasets(snapOwner).stream().noneMatch(d -> d.contains(vm[1])));
        }
        assertEquals(202, Rest.delete(cluster.restBase("n2") + "/vms/st-snap-big", "admin", cluster.password()).status());
        LocalCluster.await("st-snap-big's datasets gone from zfs list", Duration.ofSeconds(120),
                () -> datasets(snapOwner).stream().noneMatch(d -> d.contains(bigId)));
        assertTrue(zfsSnapshots(snapOwner).stream().noneMatch(s -> s.contains(bigId)));

        Rest.Response kept = Rest.delete(cluster.restBase("n2") + "/vms/st-snap?keepDisks=true", "admin", cluster.password());
        assertEquals(202, kept.status(), kept.body());
        LocalCluster.await("st-snap deleted", Duration.ofSeconds(60), () -> !vmNames().contains("st-snap"));
        assertEquals(404, Rest.get(cluster.restBase("n1") + "/vms/st-snap/snapshots", "admin", cluster.password()).status());
        // the owner would have destroyed them by now if it were asked to (the others went within seconds)
        sleep(Duration.ofSeconds(10));
        List<String> left = datasets(snapOwner);
        String ds = "tank/vms/" + snapSourceId;
        assertTrue(left.containsAll(List.of(ds, ds + "/data", ds + "/logs")), "kept: " + left);
        assertTrue(zfsSnapshots(snapOwner).contains(ds + "/data@s1"), "its snapshots too");
        // what an operator does with kept disks in the end; zfs-fuse may call them busy for a while
        LocalCluster.await("zfs destroy -r " + ds + " on " + snapOwner, Duration.ofSeconds(90), () -> {
            try {
                cluster.exec(snapOwner, "zfs", "destroy", "-r", ds);
                return true;
            } catch (AssertionError e) {
                if (String.valueOf(e.getMessage()).contains("is busy")) {
                    return false;
                }
                throw e;
            }
        });
        assertTrue(datasets(snapOwner).stream().noneMatch(d -> d.startsWith(ds)), "gone: " + datasets(snapOwner));
        Rest.Response dropped = Rest.delete(cluster.restBase("n1") + "/networks/" + SNAP_NET, "admin", cluster.password());
        assertTrue(dropped.status() / 100 == 2, dropped.status() + " " + dropped.body());
    }

    private static String diskGuest(String name, String disks, String nics) {
        return "{\"name\":\"" + name + "\",\"vcpus\":1,\"memoryMiB\":96," + nics
                + "\"boot\":{\"kernel\":\"vmlinuz\",\"initrd\":\"initrd.img\",\"cmdline\":\"console=ttyS0 cairn.disk=vda\"}"
                + ",\"disks\":" + disks + "}";
    }

    /**
     * Starts the stopped VM, waits for the test guest's line about its data disk (a new one: the
     * values are random) and stops it again; returns {read, wrote}.
     */
    private static String[] bootOnce(String vm) {
        Path console = cluster.karafHome(snapOwner).resolve("data/cairn/console/" + vm + ".log");
        String before = Files.exists(console) ? lastDiskLine(read(console)) : null;
        Rest.Response start = Rest.post(cluster.restBase("n1") + "/vms/" + vm + "/start", "", "admin", cluster.password());
        assertEquals(202, start.status(), start.body());
        String[] line = new String[1];
        LocalCluster.await(vm + "'s guest to report its disk", Duration.ofSeconds(120), () -> {
            String last = Files.exists(console) ? lastDiskLine(read(console)) : null;
            line[0] = last;
            return last != null && !last.equals(before);
        });
        System.out.println(vm + ": " + line[0]);
        Rest.Response stop = Rest.post(cluster.restBase("n1") + "/vms/" + vm + "/stop", "", "admin", cluster.password());
        assertEquals(202, stop.status(), stop.body());
        LocalCluster.await(vm + " stopped", Duration.ofSeconds(120),
                () -> !Virsh.running(cluster, snapOwner).contains("cairn-" + vm));
        Matcher m = DISK_LINE.matcher(line[0]);
        assertTrue(m.find(), line[0]);
        return new String[] {m.group(1), m.group(2)};
    }

    private static String lastDiskLine(String log) {
        Matcher m = DISK_LINE.matcher(log);
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        return last;
    }

    private static List<String> zfsSnapshots(String node) {
        return cluster.exec(node, "zfs", "list", "-H", "-t", "snapshot", "-o", "name").lines().map(String::strip)
                .filter(s -> s.startsWith(POOL + "/")).sorted().toList();
    }

    private static List<String> datasets(String node) {
        return cluster.exec(node, "zfs", "list", "-H", "-o", "name").lines().map(String::strip).toList();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(2)
    void impossiblePoolsAreRefusedAndNothingChangesOnAnyNode() {
        Map<String, String> before = zfsState();
        expect(422, "{\"name\":\"big\",\"redundancy\":3}", "needs at least 4 nodes");
        expect(422, "{\"name\":\"a b\",\"redundancy\":1}", "no space or '/'");
        expect(422, "{\"name\":\"a/b\",\"redundancy\":1}", "no space or '/'");
        expect(422, "{\"name\":\"mirror2\",\"redundancy\":1}", "refused by ZFS");
        expect(422, "{\"name\":\"ok\",\"redundancy\":0}", "redundancy must be 1, 2 or 3");
        expect(422, "{\"name\":\"ok\",\"redundancy\":1,\"compression\":\"zstd\"}", "compression must be one of");
        expect(409, "{\"name\":\"tank\",\"redundancy\":1}", "already exists");
        // every node offers two disks: "has no free disk" is checked once a second pool holds the others (93)
        assertEquals(1, Rest.get(cluster.restBase("n1") + "/pools", "admin", cluster.password()).json().size());
        assertEquals(before, zfsState(), "zpool list / zfs list on every node");
    }

    @Test
    @Order(3)
    void aLostMemberDegradesThePoolWhichStaysWritableAndResilversWhenItReturns() {
        cluster.killNode("n3");
        killStorageDaemons("n3");
        long t0 = System.nanoTime();
        Duration degraded = LocalCluster.await("tank DEGRADED in zpool status on n1", Duration.ofSeconds(90), () -> {
            writeOnOwner("n1", "lost-member", 4); // the pool keeps taking writes; ZFS notices the member at I/O
            cluster.exec("n1", "zpool", "scrub", POOL);
            return cluster.exec("n1", "zpool", "status", POOL).contains("state: DEGRADED");
        });
        System.out.printf("member n3 lost: DEGRADED after %d ms%n", degraded.toMillis());
        LocalCluster.await("REST status DEGRADED", Duration.ofSeconds(30),
                () -> "DEGRADED".equalsIgnoreCase(status("n1").path("health").asText()));
        writeOnOwner("n1", "while-degraded", 8);

        cluster.startNode("n3");
        Duration back = LocalCluster.await("tank ONLINE again on n1 after n3 returned", Duration.ofSeconds(150), () -> {
            String s = cluster.exec("n1", "zpool", "status", POOL);
            return s.contains("state: ONLINE") && members(s).values().stream().allMatch("ONLINE"::equals)
                    && members(s).size() == 3;
        });
        System.out.printf("member n3 back: ONLINE (resilvered) %d ms after its restart; %d ms in all%n", back.toMillis(),
                (System.nanoTime() - t0) / 1_000_000);
        System.out.println(cluster.exec("n1", "zpool", "status", POOL));
    }

    @Test
    @Order(4)
    void aScrubAskedOfANonOwnerRepairsBytesCorruptedOnAMembersBackingFile() throws IOException {
        writeOnOwner("n1", "scrub-data", 48);
        cluster.exec("n1", "sync");
        String data = "/var/lib/cairn/pools/tank/vols/scrub-data";
        String sumBefore = cluster.exec("n1", "sha256sum", data).split(" ")[0];
        Path backing = cluster.karafHome("n2").getParent().resolve("host/disks/n2-d0.img");
        Random random = new Random(8);
        Map<Long, byte[]> garbage = new java.util.TreeMap<>();
        try (RandomAccessFile file = new RandomAccessFile(backing.toFile(), "rw")) {
            // 64 KiB in every 4 MiB between the front and back labels (4 MiB each side untouched): whatever
            // ZFS allocated, some of it is hit. The owner's nbdfuse file for n2 may still cache the old pages.
            for (long offset = 4L << 20; offset < file.length() - (4L << 20); offset += 4L << 20) {
                byte[] bytes = new byte[64 << 10];
                random.nextBytes(bytes);
                file.seek(offset);
                file.write(bytes);
                garbage.put(offset, bytes);
            }
            file.getFD().sync();
        }
        long corrupted = garbage.size() * (64L << 10);
        System.out.printf("wrote %d random bytes over n2's backing file %s%n", corrupted, backing);

        assertEquals(404, Rest.post(cluster.restBase("n3") + "/pools/nope/scrub", "", "admin", cluster.password())
                .status(), "an unknown pool");
        Rest.Response asked = Rest.post(cluster.restBase("n3") + "/pools/tank/scrub", "", "admin", cluster.password());
        assertEquals(202, asked.status(), asked.body());
        assertEquals("n1", asked.json().path("node").asText(), "carried out by the pool's owner: " + asked.body());
        String taskId = asked.json().path("id").asText();
        Rest.Response again = Rest.post(cluster.restBase("n2") + "/pools/tank/scrub", "", "admin", cluster.password());
        assertEquals(409, again.status(), again.body());
        assertTrue(again.body().contains(taskId), again.body());
        JsonNode task = awaitTask("n2", taskId);
        System.out.printf("scrub task %s (asked of n3): %s %s%n", taskId, task.path("state").asText(),
                task.path("state").asText().equals("succeeded") ? task.path("message").asText() : task.path("error").asText());
        assertEquals("succeeded", task.path("state").asText(), task.toString());
        assertTrue(task.path("message").asText().contains("completed on n1"), task.toString());
        String status = cluster.exec("n1", "zpool", "status", POOL);
        System.out.println(status);
        assertTrue(status.contains("scrub completed") && status.contains("repaired"), status);
        assertTrue(status.contains("errors: No known data errors"), status);
        LocalCluster.await("REST status to show the scrub's repaired bytes", Duration.ofSeconds(30),
                () -> status("n2").at("/scrub/repairedBytes").asLong() > 0);
        JsonNode scrub = status("n2").path("scrub");
        System.out.printf("scrub after corrupting n2's backing file: repaired %d bytes, %d errors (%s)%n",
                scrub.path("repairedBytes").asLong(), scrub.path("errors").asLong(), scrub.path("summary").asText());
        int rewritten = 0;
        try (RandomAccessFile file = new RandomAccessFile(backing.toFile(), "r")) {
            byte[] now = new byte[64 << 10];
            for (Map.Entry<Long, byte[]> e : garbage.entrySet()) {
                file.seek(e.getKey());
                file.readFully(now);
                if (!java.util.Arrays.equals(now, e.getValue())) {
                    rewritten++;
                }
            }
        }
        System.out.printf("n2's backing file: %d of %d corrupted 64 KiB regions rewritten by the scrub "
                + "(the others lie in space ZFS has not allocated)%n", rewritten, garbage.size());
        assertTrue(rewritten > 0, "the scrub rewrote none of the corrupted regions on n2's disk");
        assertEquals(sumBefore, cluster.exec("n1", "sha256sum", data).split(" ")[0],
                "the disk file's sha256 after the corruption and the scrub");

        // the same through the shell, on another non-owner
        String shell = Ssh.run(cluster.address("n2"), cluster.sshPort("n2"), "admin", cluster.password(),
                "pool:scrub tank");
        Matcher m = Pattern.compile("Task (\\S+) \\(pool\\.scrub tank\\) queued").matcher(shell);
        assertTrue(m.find(), shell);
        JsonNode second = awaitTask("n3", m.group(1));
        System.out.printf("second scrub (pool:scrub over SSH on n2): %s %s%n", second.path("state").asText(),
                second.path("message").asText() + second.path("error").asText(""));
        assertEquals("succeeded", second.path("state").asText(), second.toString());
        assertTrue(second.path("message").asText().contains(" 0 errors"), second.toString());
        // Measured, not asserted: on zfs-fuse a second scrub right after a repairing one has still repaired
        // 640 KiB (README, "Storage pools"), so the first did not see everything; which member it is:
        System.out.println(cluster.exec("n1", "zpool", "status", POOL));
        cluster.exec("n1", "zpool", "clear", POOL);
    }

    @Test
    @Order(5)
    void theOwnersLossMovesThePoolToASurvivorAfterTheExportsRefuseTheOldOwner() throws Exception {
        // an HA VM with a disk on the pool runs on the pool's owner, n1, and must follow the pool
        // its guest writes a new value to its disk at every boot (synced) and prints the one it read
        Rest.Response ha = Rest.post(cluster.restBase("n2") + "/vms", vm("st-poolha", null,
                "[{\"name\":\"data\",\"pool\":\"tank\",\"sizeMiB\":32}]").replace("\"memoryMiB\":96",
                "\"memoryMiB\":96,\"ha\":true").replace("\"console=ttyS0\"", "\"console=ttyS0 cairn.disk=vda\""),
                "admin", cluster.password());
        assertEquals(201, ha.status(), ha.body());
        assertEquals("n1", ha.json().at("/owner/node").asText(), ha.body());
        String haImage = "/var/lib/cairn/pools/tank/vms/" + ha.json().at("/vm/id").asText() + "/data/disk.img";
        assertEquals(202, Rest.post(cluster.restBase("n2") + "/vms/st-poolha/start", "", "admin", cluster.password()).status());
        LocalCluster.await("st-poolha running on n1", Duration.ofSeconds(120),
                () -> Virsh.running(cluster, "n1").contains("cairn-st-poolha"));
        Path haConsoleN1 = cluster.karafHome("n1").resolve("data/cairn/console/st-poolha.log");
        LocalCluster.await("st-poolha's guest to write its value on n1", Duration.ofSeconds(120),
                () -> Files.exists(haConsoleN1) && DISK_LINE.matcher(read(haConsoleN1)).find());
        Matcher haFirst = DISK_LINE.matcher(read(haConsoleN1));
        assertTrue(haFirst.find());
        String haValue = haFirst.group(2);
        assertTrue(Virsh.run(cluster, "n1", "domblklist", "cairn-st-poolha").contains(haImage));
        QemuCensus census = new QemuCensus("cairn-st-poolha");
        AtomicBoolean sampling = new AtomicBoolean(true);
        AtomicInteger samples = new AtomicInteger();
        AtomicInteger twoImporters = new AtomicInteger();
        List<String> seenImporters = new ArrayList<>();
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                List<String> importers = new ArrayList<>();
                for (String node : cluster.nodes()) {
                    Host.Result r = Host.exec(List.of("nsenter", "-t", keeperPid(node), "-m", "-n", "zpool", "list", "-H",
                            "-o", "name"), Duration.ofSeconds(20), Map.of());
                    if (r.exitCode() == 0 && r.stdout().lines().anyMatch(POOL::equals)) {
                        importers.add(node);
                    }
                }
                samples.incrementAndGet();
                if (importers.size() > 1) {
                    twoImporters.incrementAndGet();
                }
                synchronized (seenImporters) {
                    if (seenImporters.isEmpty() || !seenImporters.get(seenImporters.size() - 1).equals(importers.toString())) {
                        seenImporters.add(importers.toString());
                    }
                }
            }
        }, "zpool-list-sampler");
        sampler.start();
        try {
            long t0 = System.nanoTime();
            cluster.killNode("n1");
            killStorageDaemons("n1");
            Duration moved = LocalCluster.await("tank imported by a survivor", Duration.ofSeconds(150), () -> {
                JsonNode pool = pool("n2");
                return !pool.at("/owner/node").asText().equals("n1") && pool.at("/status/imported").asBoolean()
                        && pool.at("/status/owner").asText().equals(pool.at("/owner/node").asText());
            });
            JsonNode pool = pool("n2");
            String owner = pool.at("/owner/node").asText();
            long newEpoch = pool.at("/owner/epoch").asLong();
            System.out.printf("owner n1 lost: tank imported on %s at epoch %d (was %d) after %d ms, health %s%n", owner,
                    newEpoch, epoch, moved.toMillis(), pool.at("/status/health").asText());
            assertTrue(newEpoch > epoch, pool.toString());
            String status = cluster.exec(owner, "zpool", "status", POOL);
            System.out.println(status);
            assertTrue(status.contains("state: DEGRADED"), status);
            assertTrue(status.contains("errors: No known data errors"),
                    "the survivor's forced import must show no data errors:\n" + status);
            assertEquals(String.valueOf(newEpoch), cluster.exec(owner, "zfs", "get", "-H", "-o", "value", "cairn:epoch", POOL).strip());

            Duration haMoved = LocalCluster.await("HA VM st-poolha running on the pool's new owner " + owner,
                    Duration.ofSeconds(150), () -> Virsh.running(cluster, owner).contains("cairn-st-poolha"));
            String blk = Virsh.run(cluster, owner, "domblklist", "cairn-st-poolha");
            assertTrue(blk.contains(haImage), blk);
            System.out.printf("owner n1 lost: HA VM st-poolha running on %s with its pool disk %d ms after the pool was "
                    + "imported; %d ms after the kill%n", owner, haMoved.toMillis(), (System.nanoTime() - t0) / 1_000_000);
            // what the guest synced on n1 before its owner died is on the disk the survivor imported
            Path haConsole = cluster.karafHome(owner).resolve("data/cairn/console/st-poolha.log");
            LocalCluster.await("st-poolha on " + owner + " to print the value it wrote on n1 (" + haValue + ")",
                    Duration.ofSeconds(120), () -> Files.exists(haConsole) && DISK_LINE.matcher(read(haConsole)).find());
            Matcher haNext = DISK_LINE.matcher(read(haConsole));
            assertTrue(haNext.find());
            assertEquals(haValue, haNext.group(1), "st-poolha's first boot on " + owner + " read another value than it "
                    + "wrote on n1 before the owner was lost: " + haNext.group());
            System.out.printf("BENCH owner loss: st-poolha printed on %s the value %s it wrote on n1, %d ms after the kill%n",
                    owner, haValue, (System.nanoTime() - t0) / 1_000_000);

            String other = owner.equals("n2") ? "n3" : "n2";
            // every block read from the two survivors alone: a member's unrepaired corruption shows up here
            Rest.Response scrubbed = Rest.post(cluster.restBase(other) + "/pools/tank/scrub", "", "admin",
                    cluster.password());
            assertEquals(202, scrubbed.status(), scrubbed.body());
            JsonNode degradedScrub = awaitTask(other, scrubbed.json().path("id").asText());
            String afterScrub = cluster.exec(owner, "zpool", "status", POOL);
            System.out.printf("scrub of the DEGRADED pool on %s: %s %s%n%s%n", owner, degradedScrub.path("state").asText(),
                    degradedScrub.path("message").asText() + degradedScrub.path("error").asText(""), afterScrub);
            // Open defect (README, "Storage pools"): on zfs-fuse over nbdfuse a scrub of the DEGRADED pool found
            // errors in one run of three (blocks a resilver left stale), so what it finds is printed, not asserted;
            // the product must still report it: the task ends, succeeded, or failed with ZFS's figures.
            boolean degradedClean = afterScrub.contains("errors: No known data errors");
            System.out.println(degradedClean ? "scrub of the DEGRADED pool: no known data errors"
                    : "KNOWN DEFECT: the scrub of the DEGRADED pool found data errors (see the README)");
            String scrubState = degradedScrub.path("state").asText();
            assertTrue(scrubState.equals("succeeded") || scrubState.equals("failed"), degradedScrub.toString());

            List<String> servers = nbdkitIn(other);
            assertEquals(1, servers.size(), servers.toString());
            assertTrue(servers.get(0).contains("exportname=tank." + owner + ".e" + newEpoch), servers.get(0));
            int port = pool.at("/pool/exportPort").asInt();
            Host.Result refused = Host.exec(List.of("nsenter", "-t", keeperPid("n1"), "-m", "-n", "nbdinfo",
                    "nbd://" + cluster.address(other) + ":" + port + "/tank.n1.e" + epoch), Duration.ofSeconds(20), Map.of());
            System.out.printf("the old owner n1 asking %s for its export at epoch %d: exit %d, %s%n", other, epoch,
                    refused.exitCode(), refused.stderr().strip());
            assertNotEquals(0, refused.exitCode(), "the member export must refuse the old owner's epoch");

            cluster.startNode("n1");
            Duration resilvered = LocalCluster.await("tank ONLINE on " + owner + " with n1 back as a member",
                    Duration.ofSeconds(150), () -> {
                        String s = cluster.exec(owner, "zpool", "status", POOL);
                        return s.contains("state: ONLINE") && members(s).size() == 3
                                && members(s).values().stream().allMatch("ONLINE"::equals);
                    });
            System.out.printf("n1 back: serves its disk to %s; ONLINE %d ms after its restart; %d ms in all%n", owner,
                    resilvered.toMillis(), (System.nanoTime() - t0) / 1_000_000);
            String resilveredStatus = cluster.exec(owner, "zpool", "status", POOL);
            System.out.println(resilveredStatus);
            if (degradedClean) {
                assertTrue(resilveredStatus.contains("errors: No known data errors"), resilveredStatus);
            }
            assertEquals(List.of(), imported("n1"), "the old owner never imports the pool again without a new claim");
            assertTrue(Virsh.running(cluster, "n1").stream().noneMatch("cairn-st-poolha"::equals),
                    "n1 runs st-poolha again after its return");
        } finally {
            sampling.set(false);
            sampler.join(30_000);
            census.close();
        }
        System.out.printf("QEMUs of st-poolha over the failover: %s%n", census.result());
        assertEquals(0, census.result().doubleMoments(), "st-poolha ran on two nodes at once: " + census.lives());
        String haOwner = pool("n2").at("/owner/node").asText();
        assertEquals(202, Rest.post(cluster.restBase(haOwner) + "/vms/st-poolha/stop", "", "admin", cluster.password()).status());
        LocalCluster.await("st-poolha stopped", Duration.ofSeconds(120),
                () -> QemuCensus.pids("cairn-st-poolha").isEmpty());
        assertEquals(202, Rest.delete(cluster.restBase(haOwner) + "/vms/st-poolha", "admin", cluster.password()).status());
        System.out.printf("zpool list sampled %d times on every node; importers over time: %s%n", samples.get(),
                seenImporters);
        assertTrue(samples.get() > 10, "sampled " + samples.get());
        assertEquals(0, twoImporters.get(), "samples with two importers: " + seenImporters);
    }


    @Test
    @Order(6)
    void aVmsDiskIsAVolumeOnThePoolOfItsOwnerNodeAttachedAsVirtioAndBadDisksChangeNothing() throws IOException {
        JsonNode tank = pool("n1");
        String owner = tank.at("/owner/node").asText();
        long poolMiB = tank.at("/status/sizeBytes").asLong() >> 20;
        String other = cluster.nodes().stream().filter(n -> !n.equals(owner)).findFirst().orElseThrow();
        awaitDisksOfDeletedVmsGone();
        Map<String, String> before = zfsState();
        List<String> vmsBefore = vmNames();
        String data64 = "[{\"name\":\"data\",\"pool\":\"tank\",\"sizeMiB\":64}]";
        expectVm(vm("st-bad", null, "[{\"name\":\"data\",\"pool\":\"nope\",\"sizeMiB\":64}]"),
                "pool 'nope' does not exist");
        expectVm(vm("st-bad", null, "[{\"name\":\"data\",\"pool\":\"tank\",\"sizeMiB\":0}]"), "sizeMiB must be between 1");
        expectVm(vm("st-bad", null, "[{\"name\":\"data\",\"pool\":\"tank\",\"sizeMiB\":-64}]"), "sizeMiB must be between 1");
        expectVm(vm("st-bad", null, "[{\"name\":\"data\",\"pool\":\"tank\",\"sizeMiB\":" + (poolMiB + 1) + "}]"),
                "is larger than pool tank");
        expectVm(vm("st-bad", null, "[{\"name\":\"data\",\"pool\":\"a/b\",\"sizeMiB\":64}]"), "no space or '/'");
        expectVm(vm("st-bad", null, "[{\"name\":\"data\",\"pool\":\"tank\",\"sizeMiB\":1},"
                + "{\"name\":\"data\",\"pool\":\"tank\",\"sizeMiB\":2}]"), "used twice");
        expectVm(vm("st-bad", other, data64), "is owned by " + owner);
        assertEquals(vmsBefore, vmNames(), "no VM was recorded");
        assertEquals(before, zfsState(), "zpool list / zfs list on every node");

        long t0 = System.nanoTime();
        Rest.Response created = Rest.post(cluster.restBase(other) + "/vms", vm("st-disk", null, data64), "admin",
                cluster.password());
        assertEquals(201, created.status(), created.body());
        assertEquals(owner, created.json().at("/owner/node").asText(), "placed on the pool's owner: " + created.body());
        String id = created.json().at("/vm/id").asText();
        Rest.Response start = Rest.post(cluster.restBase(other) + "/vms/st-disk/start", "", "admin", cluster.password());
        assertEquals(202, start.status(), start.body());
        // listed first (dominfo fails on a domain that does not exist yet), then running (not still paused)
        LocalCluster.await("st-disk running on " + owner, Duration.ofSeconds(120),
                () -> Virsh.running(cluster, owner).contains("cairn-st-disk")
                        && Virsh.run(cluster, owner, "dominfo", "cairn-st-disk").matches("(?s).*State:\\s+running.*"));
        System.out.printf("VM with a 64 MiB pool disk: created and running on the pool's owner %s after %d ms%n", owner,
                (System.nanoTime() - t0) / 1_000_000);
        String image = "/var/lib/cairn/pools/tank/vms/" + id + "/data/disk.img";
        String blk = Virsh.run(cluster, owner, "domblklist", "cairn-st-disk");
        System.out.println(blk);
        assertTrue(blk.lines().anyMatch(l -> l.strip().matches("vda\\s+" + Pattern.quote(image))), blk);
        String xml = Virsh.run(cluster, owner, "dumpxml", "cairn-st-disk");
        assertTrue(xml.contains("cache='none'") && xml.contains("bus='virtio'") && xml.contains("type='raw'"), xml);
        assertTrue(cluster.exec(owner, "zfs", "list", "-H", "-o", "name").lines().anyMatch(("tank/vms/" + id + "/data")::equals));
        assertEquals("67108864", cluster.exec(owner, "stat", "-c", "%s", image).strip());
        Path console = cluster.karafHome(owner).resolve("data/cairn/console/st-disk.log");
        LocalCluster.await("the guest's kernel to find its 64 MiB virtio disk", Duration.ofSeconds(120),
                () -> Files.exists(console) && read(console).contains("[vda] 131072 512-byte logical blocks"));
        System.out.println("guest: " + read(console).lines()
                .filter(l -> l.contains("[vda]")).findFirst().orElseThrow().strip());

        Rest.Response stop = Rest.post(cluster.restBase(owner) + "/vms/st-disk/stop", "", "admin", cluster.password());
        assertEquals(202, stop.status(), stop.body());
        LocalCluster.await("st-disk stopped", Duration.ofSeconds(120),
                () -> !Virsh.running(cluster, owner).contains("cairn-st-disk"));
        assertEquals(202, Rest.delete(cluster.restBase(owner) + "/vms/st-disk", "admin", cluster.password()).status());
    }

    @Test
    @Order(7)
    void aVmsDiskIsMeteredStoppedAndRunningAndAPerpetualLicenceRefusesDisksPast133Percent() throws Exception {
        String owner = pool("n1").at("/owner/node").asText();
        setMeteringInterval(METER_INTERVAL);
        List<String> made = new ArrayList<>();
        PrivateKey key = CairnLicense.readPrivate(cluster.repo()
                .resolve("scripts/test-keys/vendor-TEST-ONLY.key"));
        String clusterId = Rest.get(cluster.restBase("n1") + "/license", "admin", cluster.password()).json()
                .get("clusterId").asText();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try {
            // stopped: its 100 MiB are allocated, it gets disk-only records (no domain anywhere)
            String disk = "[{\"name\":\"data\",\"pool\":\"tank\",\"sizeMiB\":100}]";
            Rest.Response created = Rest.post(cluster.restBase("n2") + "/vms", vm("st-meter", null, disk), "admin",
                    cluster.password());
            assertEquals(201, created.status(), created.body());
            made.add("st-meter");
            LocalCluster.await("disk-only records of the stopped st-meter", Duration.ofSeconds(60),
                    () -> meterRecords("st-meter").stream().filter(r -> r.get("vcpus").asInt() == 0).count() >= 2);
            for (String node : cluster.nodes()) {
                assertTrue(!Virsh.run(cluster, node, "list", "--all", "--name").contains("cairn-st-meter"),
                        "st-meter has no domain on " + node + " while it is stopped");
            }
            assertEquals(202, Rest.post(cluster.restBase("n2") + "/vms/st-meter/start", "", "admin",
                    cluster.password()).status());
            // listed first (dominfo fails on a domain that does not exist yet), then running
            LocalCluster.await("st-meter running on " + owner, Duration.ofSeconds(120),
                    () -> Virsh.running(cluster, owner).contains("cairn-st-meter")
                            && Virsh.run(cluster, owner, "dominfo", "cairn-st-meter").matches("(?s).*State:\\s+running.*"));
            LocalCluster.await("full records of the running st-meter", Duration.ofSeconds(60),
                    () -> meterRecords("st-meter").stream().filter(r -> r.get("vcpus").asInt() == 1).count() >= 2);
            List<JsonNode> records = meterRecords("st-meter");
            Set<String> starts = new HashSet<>();
            long ran = 0;
            for (JsonNode r : records) {
                assertTrue(starts.add(r.get("intervalStart").asText()), "interval twice: " + r);
                assertEquals(100, r.get("diskMiB").asLong(), "every record carries the VM's disk: " + r);
                assertEquals(owner, r.get("node").asText(), "recorded by the owner: " + r);
                boolean full = r.get("vcpus").asInt() == 1 && r.get("memoryMiB").asLong() == 96;
                boolean diskOnly = r.get("vcpus").asInt() == 0 && r.get("memoryMiB").asLong() == 0
                        && r.get("cpuNanos").asLong() == 0;
                assertTrue(full || diskOnly, "a full or a disk-only record: " + r);
                ran += full ? 1 : 0;
            }
            System.out.printf("BENCH st-meter: %d records (%d running, %d disk-only), each with diskMiB 100%n",
                    records.size(), ran, records.size() - ran);
            assertEquals(202, Rest.post(cluster.restBase(owner) + "/vms/st-meter/stop", "", "admin",
                    cluster.password()).status());

            // a perpetual licence of 4 GiB of storage: up to 5 GiB (floor of 133%) admitted, above refused
            long usedMiB = allDisksMiB();
            assertTrue(usedMiB <= 4096, "this test needs at most 4 GiB of disks, found " + usedMiB + " MiB");
            Rest.Response installed = putLicence(CairnLicense.sign(key, licence(clusterId,
                    LicenseKind.PERPETUAL, 4, now)));
            assertEquals(200, installed.status(), installed.body());
            int i = 0;
            for (long toFill : new long[] {4096 - usedMiB, 1024}) { // to the contract, then to the limit
                for (long left = toFill; left > 0; i++) {
                    long size = Math.min(1000, left);
                    Rest.Response r = Rest.post(cluster.restBase("n2") + "/vms", vm("st-fill" + i, null,
                            "[{\"name\":\"data\",\"pool\":\"tank\",\"sizeMiB\":" + size + "}]"), "admin",
                            cluster.password());
                    assertEquals(201, r.status(), r.body());
                    made.add("st-fill" + i);
                    left -= size;
                }
            }
            JsonNode status = Rest.get(cluster.restBase("n3") + "/license", "admin", cluster.password()).json();
            assertEquals(5, status.at("/allocation/storageGiB").asInt(), status.toString());
            // warnings are events of the node that admitted the create
            JsonNode warnings = Rest.get(cluster.restBase("n2") + "/license", "admin", cluster.password()).json()
                    .get("warnings");
            assertTrue(warnings.size() > 0 && warnings.get(warnings.size() - 1).get("message").asText()
                    .contains("5 GiB of storage allocated, above the contracted 4"), "warned above 100%: " + warnings);
            List<String> vmsBefore = vmNames();
            Rest.Response refused = Rest.post(cluster.restBase("n2") + "/vms", vm("st-over", null,
                    "[{\"name\":\"data\",\"pool\":\"tank\",\"sizeMiB\":1}]"), "admin", cluster.password());
            assertEquals(422, refused.status(), refused.body());
            assertTrue(refused.body().contains("at most 5 GiB of storage") && refused.body().contains("use 5")
                    && refused.body().contains("take 6"), refused.body());
            assertEquals(vmsBefore, vmNames(), "a refused create records no VM");
            for (String node : cluster.nodes()) {
                assertEquals(404, Rest.get(cluster.restBase(node) + "/vms/st-over", "admin", cluster.password())
                        .status(), "st-over on " + node);
                assertTrue(!Virsh.run(cluster, node, "list", "--all", "--name").contains("cairn-st-over"),
                        "no st-over domain on " + node);
            }
            // a VM without disks adds no storage: not refused for it
            Rest.Response diskless = Rest.post(cluster.restBase("n2") + "/vms", "{\"name\":\"st-nodisk\",\"vcpus\":1,"
                    + "\"memoryMiB\":64,\"boot\":{\"kernel\":\"vmlinuz\",\"initrd\":\"initrd.img\","
                    + "\"cmdline\":\"console=ttyS0\"}}", "admin", cluster.password());
            assertEquals(201, diskless.status(), diskless.body());
            made.add("st-nodisk");
        } finally {
            // leave the cluster unlimited and metered at the default interval for the classes after this one
            Rest.Response subscription = putLicence(CairnLicense.sign(key, licence(clusterId,
                    LicenseKind.SUBSCRIPTION, 0, now)));
            assertEquals(200, subscription.status(), subscription.body());
            setMeteringInterval(60);
            for (String name : made) { // a running one's node removes its domain
                assertEquals(202, Rest.delete(cluster.restBase("n1") + "/vms/" + name, "admin", cluster.password())
                        .status(), name);
            }
        }
    }

    private static final int METER_INTERVAL = 3;

    /**
     * pool:move over SSH on a node that is not involved: the VM with a disk on the pool stops on the old
     * owner, the pool is exported there and imported by the target at a higher epoch, the members serve
     * the target only, and the VM runs on the target and reads the value it wrote before the move. Bad
     * targets are refused with nothing changed on any node.
     */
    @Test
    @Order(8)
    void poolMoveTakesThePoolAndItsVmToAnotherMemberWhichReadsWhatTheVmWroteBefore() throws IOException {
        JsonNode before = pool("n1");
        String from = before.at("/owner/node").asText();
        long fromEpoch = before.at("/owner/epoch").asLong();
        String to = cluster.nodes().stream().filter(n -> !n.equals(from)).findFirst().orElseThrow();
        String asker = cluster.nodes().stream().filter(n -> !n.equals(from) && !n.equals(to)).findFirst().orElseThrow();
        Rest.Response created = Rest.post(cluster.restBase(asker) + "/vms", vm("st-move", null,
                "[{\"name\":\"data\",\"pool\":\"tank\",\"sizeMiB\":16}]").replace("console=ttyS0",
                "console=ttyS0 cairn.disk=vda"), "admin", cluster.password());
        assertEquals(201, created.status(), created.body());
        assertEquals(from, created.json().at("/owner/node").asText(), "placed on the pool's owner: " + created.body());
        assertEquals(202, Rest.post(cluster.restBase(asker) + "/vms/st-move/start", "", "admin", cluster.password())
                .status());
        Pattern wrote = Pattern.compile("cairn-guest: disk vda read (\\S+) wrote (\\S+)");
        Path fromConsole = cluster.karafHome(from).resolve("data/cairn/console/st-move.log");
        LocalCluster.await("st-move to write its disk on " + from, Duration.ofSeconds(150),
                () -> Files.exists(fromConsole) && wrote.matcher(read(fromConsole)).find());
        Matcher first = wrote.matcher(read(fromConsole));
        assertTrue(first.find());
        String value = first.group(2);

        Map<String, String> zfsBefore = zfsState();
        for (String[] bad : new String[][] {{from, "owned by " + from + " already"}, {"n9", "gives pool 'tank' no disk"}}) {
            String out = Ssh.run(cluster.address(asker), cluster.sshPort(asker), "admin", cluster.password(),
                    "pool:move tank " + bad[0]);
            assertTrue(out.contains(bad[1]), "pool:move tank " + bad[0] + ": " + out);
        }
        Rest.Response missing = Rest.post(cluster.restBase(asker) + "/pools/tank/move", "", "admin", cluster.password());
        assertEquals(400, missing.status(), missing.body());
        Soap soap = new Soap(cluster, asker, Soap.STORAGE);
        String soapRefusal = soap.fault("movePool", "<v:name>tank</v:name><v:node>n9</v:node>");
        assertTrue(soapRefusal.startsWith("invalid: ") && soapRefusal.contains("gives pool 'tank' no disk"), soapRefusal);
        assertEquals(zfsBefore, zfsState(), "a refused move changed zpool/zfs state");

        long t0 = System.nanoTime();
        String shell = Ssh.run(cluster.address(asker), cluster.sshPort(asker), "admin", cluster.password(),
                "pool:move tank " + to);
        Matcher m = Pattern.compile("Task (\\S+) \\(pool\\.move tank\\) queued").matcher(shell);
        assertTrue(m.find(), shell);
        JsonNode task = awaitTask(asker, m.group(1));
        assertEquals("succeeded", task.path("state").asText(), task.toString());
        assertTrue(task.path("message").asText().contains("st-move"), task.toString());
        Duration imported = LocalCluster.await("tank imported on " + to, Duration.ofSeconds(120),
                () -> imported(to).contains(POOL) && pool(asker).at("/status/imported").asBoolean()
                        && pool(asker).at("/status/owner").asText().equals(to));
        assertEquals(List.of(), imported(from), from + " still imports tank");
        JsonNode after = pool(asker);
        long toEpoch = after.at("/owner/epoch").asLong();
        assertTrue(toEpoch > fromEpoch, after.toString());
        assertEquals(String.valueOf(toEpoch), cluster.exec(to, "zfs", "get", "-H", "-o", "value", "cairn:epoch", POOL).strip());
        for (String member : List.of(from, asker)) {
            List<String> servers = nbdkitIn(member);
            assertEquals(1, servers.size(), member + ": " + servers);
            assertTrue(servers.get(0).contains("exportname=tank." + to + ".e" + toEpoch), member + ": " + servers.get(0));
        }
        Path toConsole = cluster.karafHome(to).resolve("data/cairn/console/st-move.log");
        LocalCluster.await("st-move to boot on " + to + " and read its disk", Duration.ofSeconds(150),
                () -> Files.exists(toConsole) && wrote.matcher(read(toConsole)).find());
        Matcher second = wrote.matcher(read(toConsole));
        assertTrue(second.find());
        System.out.printf("BENCH pool:move tank %s -> %s: pool imported after %d ms, st-move booted there %d ms after "
                + "the command; its disk read %s (written on %s as %s)%n", from, to, imported.toMillis(),
                (System.nanoTime() - t0) / 1_000_000, second.group(1), from, value);
        assertEquals(value, second.group(1), "the moved VM read another value than it wrote before the move");
        assertEquals(List.of(to), Virsh.nodesRunning(cluster, "cairn-st-move"));
        String soapPool = soap.ok("getPool", "<v:name>tank</v:name>");
        assertEquals(List.of(to), Soap.texts(soapPool, "owner"), soapPool);
        assertEquals(List.of(String.valueOf(toEpoch)), Soap.texts(soapPool, "epoch"), soapPool);
        assertTrue(cluster.exec(to, "zpool", "status", POOL).contains("errors: No known data errors"));

        assertEquals(202, Rest.post(cluster.restBase(to) + "/vms/st-move/stop", "", "admin", cluster.password()).status());
        LocalCluster.await("st-move stopped", Duration.ofSeconds(120), () -> QemuCensus.pids("cairn-st-move").isEmpty());
        assertEquals(202, Rest.delete(cluster.restBase(to) + "/vms/st-move", "admin", cluster.password()).status());
    }

    @Test
    @Order(9)
    void disksThatNameNoPoolGoToTheHomePoolThroughTheShellAndSoapAndBadDiskOptionsChangeNothing() throws IOException {
        String owner = pool("n1").at("/owner/node").asText();
        String asker = cluster.nodes().stream().filter(n -> !n.equals(owner)).findFirst().orElseThrow();
        awaitDisksOfDeletedVmsGone();
        Map<String, String> before = zfsState();
        List<String> vmsBefore = vmNames();
        for (String[] bad : new String[][] {{"name=data", "size= (MiB) is required"},
                {"name=data,size=0", "sizeMiB must be between 1"}, {"name=data,size=8,pool=nope", "pool 'nope' does not exist"},
                {"name=data,size=8,colour=red", "expected name=N,size=MIB"}}) {
            String out = Ssh.run(cluster.address(asker), cluster.sshPort(asker), "admin", cluster.password(),
                    "vm:create --memory 64 --kernel vmlinuz --initrd initrd.img --disk " + bad[0] + " st-bad");
            assertTrue(out.contains(bad[1]), "--disk " + bad[0] + ": " + out);
        }
        Soap soap = new Soap(cluster, asker, Soap.VMS);
        String spec = "<v:spec><v:name>st-soap</v:name><v:vcpus>1</v:vcpus><v:memoryMiB>64</v:memoryMiB>"
                + "<v:boot><v:kernel>vmlinuz</v:kernel><v:initrd>initrd.img</v:initrd></v:boot>";
        String mixed = soap.fault("createVm", spec + "<v:disk><v:name>a</v:name><v:pool>tank</v:pool><v:sizeMiB>8</v:sizeMiB>"
                + "</v:disk><v:disk><v:name>b</v:name><v:sizeMiB>8</v:sizeMiB></v:disk></v:spec>");
        assertTrue(mixed.startsWith("invalid: ") && mixed.contains("name the pool on every disk or on none"), mixed);
        assertEquals(vmsBefore, vmNames(), "no VM was recorded");
        assertEquals(before, zfsState(), "zpool list / zfs list on every node");

        String shell = Ssh.run(cluster.address(asker), cluster.sshPort(asker), "admin", cluster.password(),
                "vm:create --memory 64 --kernel vmlinuz --initrd initrd.img --cmdline console=ttyS0 "
                        + "--disk name=data,size=16 st-home");
        assertTrue(shell.contains("Created VM st-home") && shell.contains("on node " + owner), shell);
        JsonNode home = Rest.get(cluster.restBase(asker) + "/vms/st-home", "admin", cluster.password()).json();
        assertEquals("tank", home.at("/vm/spec/disks/0/pool").asText(), home.toString());
        String soapVm = soap.ok("createVm", spec + "<v:disk><v:name>data</v:name><v:sizeMiB>8</v:sizeMiB></v:disk></v:spec>");
        assertEquals(List.of("tank"), Soap.texts(soapVm, "pool"), soapVm);
        assertEquals(List.of(owner), Soap.texts(soapVm, "ownerNode"), soapVm);

        assertEquals(202, Rest.post(cluster.restBase(asker) + "/vms/st-home/start", "", "admin", cluster.password())
                .status());
        String id = home.at("/vm/id").asText();
        LocalCluster.await("st-home's disk on tank, attached on " + owner, Duration.ofSeconds(120),
                () -> Virsh.running(cluster, owner).contains("cairn-st-home") && Virsh.run(cluster, owner, "domblklist",
                        "cairn-st-home").contains("/var/lib/cairn/pools/tank/vms/" + id + "/data/disk.img"));
        assertTrue(cluster.exec(owner, "zfs", "list", "-H", "-o", "name").lines()
                .anyMatch(("tank/vms/" + id + "/data")::equals));
        for (String vm : List.of("st-home", "st-soap")) {
            assertEquals(202, Rest.delete(cluster.restBase(owner) + "/vms/" + vm, "admin", cluster.password()).status());
        }
        LocalCluster.await("st-home's volume destroyed", Duration.ofSeconds(120),
                () -> cluster.exec(owner, "zfs", "list", "-H", "-o", "name").lines().noneMatch(l -> l.contains(id)));
    }

    private static void setMeteringInterval(int seconds) throws IOException {
        for (String node : cluster.nodes()) {
            String out = Ssh.run(cluster.address(node), cluster.sshPort(node), "admin", cluster.password(),
                    "config:property-set -p io.cairn.metering interval.seconds " + seconds);
            assertTrue(!out.toLowerCase(Locale.ROOT).contains("error"), out);
        }
    }

    private static List<JsonNode> meterRecords(String vm) {
        Rest.Response r = Rest.get(cluster.restBase("n3") + "/usage/records?month="
                + YearMonth.now(ZoneOffset.UTC) + "&vm=" + vm, "admin", cluster.password());
        if (r.status() != 200) {
            throw new IllegalStateException("GET /usage/records on n3: " + r.status() + " " + r.body());
        }
        List<JsonNode> out = new ArrayList<>();
        r.json().forEach(out::add);
        return out;
    }

    private static long allDisksMiB() {
        long sum = 0;
        for (JsonNode vm : Rest.get(cluster.restBase("n1") + "/vms", "admin", cluster.password()).json()) {
            for (JsonNode d : vm.at("/vm/spec/disks")) {
                sum += d.get("sizeMiB").asLong();
            }
        }
        return sum;
    }

    private static License licence(String clusterId, LicenseKind kind,
                                                         long storageGiB, Instant now) {
        return new License("L-it-storage-" + kind.name().toLowerCase(Locale.ROOT),
                "StorageIT", clusterId, kind, new Capacity(0, 0, storageGiB),
                now.minusSeconds(60), now.plus(365, ChronoUnit.DAYS));
    }

    // ------------------------------------------------ disk images (Order 90..98; they leave no VM on the pool)

    private static final String QCOW_IMAGE = "st-qcow";
    private static final String RAW_IMAGE = "st-raw";
    private static final String IMAGE_VM = "st-img";
    /** An upload converts 32 MiB into zfs-fuse: longer than {@link Rest}'s 15 s. */
    private static final java.net.http.HttpClient UPLOADS = java.net.http.HttpClient.newBuilder()
            .sslContext(Rest.insecureContext()).sslParameters(Rest.noHostnameCheckParameters())
            .connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * The test guest as bootable disks (scripts/build-guest): imported on the pool's owner, each is a
     * snapshot tank/images/NAME@image holding exactly the raw disk; files that are not disk images, and
     * an upload to a node that is not the owner, are refused with nothing changed on any node.
     */
    @Test
    @Order(90)
    void diskImagesAreImportedOnThePoolsOwnerAsSnapshotsAndBadFilesChangeNothing() throws Exception {
        String owner = pool("n1").at("/owner/node").asText();
        String other = cluster.nodes().stream().filter(n -> !n.equals(owner)).findFirst().orElseThrow();
        Path guest = Path.of(cluster.clusterEnv("GUEST_DIR"));
        Path qcow2 = guest.resolve("disk.qcow2");
        Path raw = guest.resolve("disk.img");
        assertTrue(Files.size(raw) > 0 && Files.size(qcow2) > 0, "scripts/build-guest made " + raw + " and " + qcow2);
        Map<String, String> before = zfsState();
        String snapshotsBefore = snapshots(owner);

        Path text = Files.writeString(Files.createTempFile("st-notes", ".txt"), "these are notes, not a disk\n");
        Path blank = Files.createTempFile("st-blank", ".img");
        try (RandomAccessFile f = new RandomAccessFile(blank.toFile(), "rw")) {
            f.setLength(1 << 20); // raw-looking, but no boot sector
        }
        Rest.Response r = upload(owner, "st-notes", text);
        assertEquals(422, r.status(), r.body());
        assertTrue(r.body().contains("detected format raw") && r.body().contains("0x55AA"), r.body());
        r = upload(owner, "st-blank", blank);
        assertEquals(422, r.status(), r.body());
        assertTrue(r.body().contains("no boot signature 0x55AA at offset 510"), r.body());
        r = upload(other, QCOW_IMAGE, qcow2);
        assertEquals(409, r.status(), r.body());
        assertTrue(r.body().contains("owned by node " + owner) && r.body().contains("send the import to " + owner),
                r.body());
        r = upload(owner, "a b", qcow2);
        assertEquals(422, r.status(), r.body());
        assertEquals(before, zfsState(), "zpool list / zfs list on every node after the refusals");
        assertEquals(snapshotsBefore, snapshots(owner), "no snapshot made");
        assertEquals(0, Rest.get(cluster.restBase(other) + "/images", "admin", cluster.password()).json().size());

        long t0 = System.nanoTime();
        r = upload(owner, QCOW_IMAGE, qcow2);
        long qcowMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(201, r.status(), r.body());
        assertEquals("qcow2", r.json().path("format").asText(), r.body());
        assertEquals(Files.size(raw), r.json().path("sizeBytes").asLong(), r.body());
        t0 = System.nanoTime();
        r = upload(owner, RAW_IMAGE, raw);
        long rawMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(201, r.status(), r.body());
        assertEquals("raw", r.json().path("format").asText(), r.body());
        System.out.printf("BENCH image import: %d MiB qcow2 (%d MiB file) in %d ms, raw in %d ms (upload + qemu-img "
                + "convert into zfs-fuse + snapshot, on %s)%n", Files.size(raw) >> 20, Files.size(qcow2) >> 20, qcowMs,
                rawMs, owner);

        String snaps = snapshots(owner);
        System.out.println("zfs list -t snapshot on " + owner + ":\n" + snaps);
        assertTrue(snaps.lines().anyMatch(("tank/images/" + QCOW_IMAGE + "@image")::equals), snaps);
        assertTrue(snaps.lines().anyMatch(("tank/images/" + RAW_IMAGE + "@image")::equals), snaps);
        String want = sha256(raw);
        for (String image : List.of(QCOW_IMAGE, RAW_IMAGE)) {
            String sum = cluster.exec(owner, "sha256sum", "/var/lib/cairn/pools/tank/images/" + image + "/disk.img");
            assertEquals(want, sum.split("\\s+")[0], image + " holds the raw disk");
        }
        Rest.Response list = Rest.get(cluster.restBase(other) + "/images", "admin", cluster.password());
        assertEquals(2, list.json().size(), list.body());
        assertEquals(409, upload(owner, RAW_IMAGE, raw).status(), "a duplicate name");
        for (String node : cluster.nodes()) {
            if (!node.equals(owner)) {
                assertEquals(before.get(node), zfsState().get(node), node + " has not imported anything");
            }
        }
        try (var spool = Files.list(cluster.karafHome(owner).resolve("data/cairn/image-uploads"))) {
            assertEquals(List.of(), spool.toList(), "spooled uploads deleted");
        }
    }

    /**
     * A VM whose first disk is cloned from the image boots from it (syslinux on the disk loads the
     * guest with cairn.disk=vdb); its data disk keeps what the last boot wrote across a stop and start;
     * the volume's ZFS origin is the image's snapshot, which cannot be deleted while the VM uses it.
     */
    @Test
    @Order(91)
    void aVmBootsFromADiskClonedFromAnImageAndItsDataDiskKeepsWhatTheLastBootWrote() throws Exception {
        String owner = pool("n1").at("/owner/node").asText();
        Map<String, String> before = zfsState();
        String data = ",{\"name\":\"data\",\"pool\":\"tank\",\"sizeMiB\":8}]";
        expectVm(diskVm(IMAGE_VM, "[{\"name\":\"root\",\"pool\":\"tank\",\"sizeMiB\":48,\"image\":\"nope\"}" + data),
                "image 'nope' does not exist");
        expectVm(diskVm(IMAGE_VM, "[{\"name\":\"root\",\"pool\":\"tank\",\"sizeMiB\":16,\"image\":\"" + QCOW_IMAGE
                + "\"}" + data), "16 MiB is smaller than image " + QCOW_IMAGE + " (32 MiB)");
        expectVm(vm(IMAGE_VM, null, "[{\"name\":\"root\",\"pool\":\"tank\",\"sizeMiB\":48,\"image\":\"" + QCOW_IMAGE
                + "\"}" + data), "boot must be absent");
        expectVm(diskVm(IMAGE_VM, "[{\"name\":\"root\",\"pool\":\"tank\",\"sizeMiB\":48,\"image\":\"a/b\"}" + data),
                "no space or '/'");
        assertEquals(before, zfsState(), "nothing changed by the refused VMs");

        Rest.Response created = Rest.post(cluster.restBase("n2") + "/vms", diskVm(IMAGE_VM,
                "[{\"name\":\"root\",\"pool\":\"tank\",\"sizeMiB\":48,\"image\":\"" + QCOW_IMAGE + "\"}" + data),
                "admin", cluster.password());
        assertEquals(201, created.status(), created.body());
        String id = created.json().at("/vm/id").asText();
        Path console = cluster.karafHome(owner).resolve("data/cairn/console/" + IMAGE_VM + ".log");
        long t0 = System.nanoTime();
        assertEquals(202, Rest.post(cluster.restBase(owner) + "/vms/" + IMAGE_VM + "/start", "", "admin",
                cluster.password()).status());
        Pattern wrote = Pattern.compile("cairn-guest: disk vdb read (\\w+) wrote ([0-9a-f]+)");
        LocalCluster.await(IMAGE_VM + " booted from its disk", Duration.ofSeconds(240),
                () -> Files.exists(console) && wrote.matcher(read(console)).find());
        long bootMs = (System.nanoTime() - t0) / 1_000_000;
        String log = read(console);
        assertTrue(log.contains("Command line: BOOT_IMAGE=/vmlinuz console=ttyS0 cairn.disk=vdb"),
                "the kernel was loaded by the disk's boot loader, with its command line: " + tail(log));
        Matcher first = wrote.matcher(log);
        assertTrue(first.find());
        assertEquals("none", first.group(1), "a fresh data disk: " + first.group());
        String value = first.group(2);

        String xml = Virsh.run(cluster, owner, "dumpxml", "cairn-" + IMAGE_VM);
        assertTrue(xml.contains("<boot dev='hd'/>") && !xml.contains("<kernel>"), xml);
        String root = "tank/vms/" + id + "/root";
        assertEquals("tank/images/" + QCOW_IMAGE + "@image",
                cluster.exec(owner, "zfs", "get", "-H", "-o", "value", "origin", root).strip());
        assertEquals(Long.toString(48L << 20),
                cluster.exec(owner, "stat", "-c", "%s", "/var/lib/cairn/pools/" + root + "/disk.img").strip());
        assertEquals("-", cluster.exec(owner, "zfs", "get", "-H", "-o", "value", "origin", "tank/vms/" + id + "/data")
                .strip(), "the data disk is an empty volume");

        // the bare clone, on the backend: what the first start paid for the root disk
        long c0 = System.nanoTime();
        cluster.exec(owner, "zfs", "clone", "tank/images/" + QCOW_IMAGE + "@image", "tank/vols/st-bench-clone");
        long cloneMs = (System.nanoTime() - c0) / 1_000_000;
        // zfs-fuse says "dataset is busy" for a while after a mount
        LocalCluster.await("the bench clone destroyed", Duration.ofSeconds(90), () -> {
            try {
                cluster.exec(owner, "zfs", "destroy", "tank/vols/st-bench-clone");
                return true;
            } catch (AssertionError e) { // Host.run's failure: the command exited non-zero
                System.out.println("zfs destroy tank/vols/st-bench-clone: " + e.getMessage() + "; again");
                return false;
            }
        });
        System.out.printf("BENCH image clone: zfs clone of a %d MiB image in %d ms; VM start to the guest's disk line "
                + "(clone + grow + SeaBIOS + syslinux + kernel) %d ms, on %s%n", 32, cloneMs, bootMs, owner);

        Rest.Response used = Rest.delete(cluster.restBase("n3") + "/images/" + QCOW_IMAGE, "admin", cluster.password());
        assertEquals(409, used.status(), used.body());
        assertTrue(used.body().contains(IMAGE_VM), used.body());
        assertTrue(snapshots(owner).lines().anyMatch(("tank/images/" + QCOW_IMAGE + "@image")::equals));

        assertEquals(202, Rest.post(cluster.restBase(owner) + "/vms/" + IMAGE_VM + "/stop", "", "admin",
                cluster.password()).status());
        LocalCluster.await(IMAGE_VM + " stopped", Duration.ofSeconds(120),
                () -> !Virsh.running(cluster, owner).contains("cairn-" + IMAGE_VM));
        assertEquals(202, Rest.post(cluster.restBase(owner) + "/vms/" + IMAGE_VM + "/start", "", "admin",
                cluster.password()).status());
        Pattern next = Pattern.compile("cairn-guest: disk vdb read " + value + " wrote ([0-9a-f]+)");
        LocalCluster.await(IMAGE_VM + "'s second boot to read " + value, Duration.ofSeconds(240),
                () -> next.matcher(read(console)).find());
        System.out.println("guest: " + read(console).lines().filter(l -> l.contains("cairn-guest: disk")).toList());
        assertEquals("tank/images/" + QCOW_IMAGE + "@image",
                cluster.exec(owner, "zfs", "get", "-H", "-o", "value", "origin", root).strip(), "the same clone");
    }

    /**
     * The VM is deleted, and with it its disks (the pool's deletion refuses while a VM has disks on it);
     * an image no volume is cloned from is destroyed on the backend, and so is the image the VM's root
     * disk was cloned from once that disk is gone.
     */
    @Test
    @Order(92)
    void imagesWithoutClonesAreDestroyedAlsoOnceTheVmClonedFromOneIsDeletedWithItsDisks() {
        String owner = pool("n1").at("/owner/node").asText();
        Rest.Response vm = Rest.get(cluster.restBase(owner) + "/vms/" + IMAGE_VM, "admin", cluster.password());
        String id = vm.status() == 200 ? vm.json().at("/vm/id").asText() : null;
        if (vmNames().contains(IMAGE_VM)) {
            assertEquals(202, Rest.delete(cluster.restBase(owner) + "/vms/" + IMAGE_VM, "admin", cluster.password())
                    .status());
            LocalCluster.await(IMAGE_VM + " deleted", Duration.ofSeconds(120), () -> !vmNames().contains(IMAGE_VM)
                    && !Virsh.running(cluster, owner).contains("cairn-" + IMAGE_VM));
        }
        Rest.Response gone = Rest.delete(cluster.restBase("n2") + "/images/" + RAW_IMAGE, "admin", cluster.password());
        assertEquals(204, gone.status(), gone.body());
        assertTrue(snapshots(owner).lines().noneMatch(l -> l.startsWith("tank/images/" + RAW_IMAGE + "@")));
        assertTrue(cluster.exec(owner, "zfs", "list", "-H", "-o", "name").lines()
                .noneMatch(("tank/images/" + RAW_IMAGE)::equals));
        assertEquals(404, Rest.get(cluster.restBase("n3") + "/images/" + RAW_IMAGE, "admin", cluster.password()).status());

        if (id != null) {
            LocalCluster.await("the disks of the deleted " + IMAGE_VM + " destroyed", Duration.ofSeconds(120),
                    () -> cluster.exec(owner, "zfs", "list", "-H", "-o", "name").lines()
                            .noneMatch(("tank/vms/" + id)::equals));
        }
        Rest.Response freed = Rest.delete(cluster.restBase("n2") + "/images/" + QCOW_IMAGE, "admin", cluster.password());
        assertEquals(204, freed.status(), freed.body());
        assertTrue(snapshots(owner).lines().noneMatch(l -> l.startsWith("tank/images/" + QCOW_IMAGE + "@")));
        assertEquals(404, Rest.get(cluster.restBase("n3") + "/images/" + QCOW_IMAGE, "admin", cluster.password()).status());
    }

    private static final String POOL2 = "tank2";
    private static final String COPY_IMAGE = "st-copy";
    private static final String COPY_VM = "st-copyvm";

    /**
     * A second pool on every node's second disk, owned by another node than tank's: an image imported on
     * tank is copied there by image:copy (zfs send on tank's owner, streamed over the transfer channel,
     * zfs receive on tank2's owner); the copy is the same bytes, a VM's disk is cloned from it and boots;
     * a copy to a pool that has it is 409 with nothing changed; the transfer port refuses a client without
     * a cluster certificate. The pool, its VM and the image go at the end (99 expects every disk free).
     */
    @Test
    @Order(93)
    void anImageCopiedToAPoolOfAnotherOwnerIsTheSameBytesThereAndAVmClonedFromTheCopyBoots() throws Exception {
        String owner = pool("n1").at("/owner/node").asText();
        String other = cluster.nodes().stream().filter(n -> !n.equals(owner)).findFirst().orElseThrow();
        Rest.Response made = post("n3", "{\"name\":\"" + POOL2 + "\",\"redundancy\":1,\"owner\":\"" + other + "\"}");
        assertEquals(201, made.status(), made.body());
        assertEquals(other, made.json().at("/owner/node").asText(), made.body());
        LocalCluster.await("pool " + POOL2 + " ONLINE", Duration.ofSeconds(180), () -> {
            Rest.Response r = Rest.get(cluster.restBase("n2") + "/pools/" + POOL2, "admin", cluster.password());
            return r.status() == 200 && "ONLINE".equalsIgnoreCase(r.json().at("/status/health").asText());
        });
        String status2 = cluster.exec(other, "zpool", "status", POOL2);
        assertTrue(status2.contains("raidz1-0"), status2);
        Map<String, String> full = zfsState();
        expect(422, "{\"name\":\"tank3\",\"redundancy\":1}", "has no free disk");
        assertEquals(full, zfsState(), "a third pool finds no disk and changes nothing");
        Path guest = Path.of(cluster.clusterEnv("GUEST_DIR"));
        Path raw = guest.resolve("disk.img");
        Rest.Response imported = upload(owner, COPY_IMAGE, guest.resolve("disk.qcow2"));
        assertEquals(201, imported.status(), imported.body());

        // a disk on tank2 before the copy: refused, naming image:copy
        String disks = "[{\"name\":\"root\",\"pool\":\"" + POOL2 + "\",\"sizeMiB\":48,\"image\":\"" + COPY_IMAGE
                + "\"},{\"name\":\"data\",\"pool\":\"" + POOL2 + "\",\"sizeMiB\":8}]";
        Rest.Response early = Rest.post(cluster.restBase("n2") + "/vms", diskVm(COPY_VM, disks), "admin", cluster.password());
        assertEquals(409, early.status(), early.body());
        assertTrue(early.body().contains("image:copy " + COPY_IMAGE + " " + POOL2), early.body());
        Map<String, String> before = zfsState();
        assertEquals(409, copy("n2", COPY_IMAGE, POOL).status(), "tank holds it already");
        assertEquals(404, copy("n2", COPY_IMAGE, "nope").status());
        assertEquals(404, copy("n2", "nope", POOL2).status());
        assertEquals(before, zfsState(), "nothing changed on any node by the refusals");

        long t0 = System.nanoTime();
        String shell = Ssh.run(cluster.address("n3"), cluster.sshPort("n3"), "admin", cluster.password(),
                "image:copy " + COPY_IMAGE + " " + POOL2);
        long copyMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(shell.contains("Image " + COPY_IMAGE + " copied to pool " + POOL2), shell);
        String snaps = snapshots(other);
        System.out.println("zfs list -t snapshot on " + other + ":\n" + snaps);
        assertTrue(snaps.lines().anyMatch((POOL2 + "/images/" + COPY_IMAGE + "@image")::equals), snaps);
        String want = sha256(raw);
        String source = cluster.exec(owner, "sha256sum", "/var/lib/cairn/pools/tank/images/" + COPY_IMAGE + "/disk.img");
        String target = cluster.exec(other, "sha256sum", "/var/lib/cairn/pools/" + POOL2 + "/images/" + COPY_IMAGE
                + "/disk.img");
        assertEquals(want, source.split("\\s+")[0], "the image on tank holds the raw disk");
        assertEquals(want, target.split("\\s+")[0], "the copy on " + POOL2 + " holds the same bytes");
        long mib = Files.size(raw) >> 20;
        System.out.printf("BENCH image copy: %d MiB in %d ms (%.1f MiB/s; image:copy to the end of the commit, zfs send on "
                + "%s -> TLS transfer channel -> zfs receive on %s, zfs-fuse)%n", mib, copyMs, mib * 1000.0 / copyMs,
                owner, other);
        Rest.Response image = Rest.get(cluster.restBase("n1") + "/images/" + COPY_IMAGE, "admin", cluster.password());
        assertEquals("tank", image.json().path("pool").asText(), image.body());
        assertEquals("[\"tank\",\"" + POOL2 + "\"]", image.json().path("pools").toString(), image.body());

        before = zfsState();
        Rest.Response again = copy("n1", COPY_IMAGE, POOL2);
        assertEquals(409, again.status(), again.body());
        assertTrue(again.body().contains("is on pool " + POOL2 + " already"), again.body());
        assertEquals(before, zfsState(), "a repeated copy changes nothing on any node");

        // the transfer port: a client without a cluster certificate is refused in the handshake; with one it is not
        String address = cluster.address(other) + ":7810";
        Host.Result anonymous = Host.exec(List.of("openssl", "s_client", "-connect", address, "-tls1_2"),
                Duration.ofSeconds(20), Map.of());
        String refusal = anonymous.stdout() + anonymous.stderr();
        System.out.println("openssl s_client without a certificate -> exit " + anonymous.exitCode() + ":\n" + refusal);
        assertNotEquals(0, anonymous.exitCode(), refusal);
        assertTrue(Pattern.compile("(?i)alert (handshake failure|bad certificate|certificate required)").matcher(refusal)
                .find(), refusal);
        Path tls = cluster.karafHome("n1").resolve("data/cairn/tls");
        Host.Result member = Host.exec(List.of("openssl", "s_client", "-connect", address, "-tls1_2",
                "-cert", tls.resolve("node.crt").toString(), "-key", tls.resolve("node.key").toString(),
                "-CAfile", tls.resolve("ca.crt").toString()), Duration.ofSeconds(20), Map.of());
        String accepted = member.stdout() + member.stderr();
        assertEquals(0, member.exitCode(), accepted);
        assertTrue(accepted.contains("Verify return code: 0 (ok)"),
                "a cluster certificate is accepted (and the server's verifies against the cluster CA): " + accepted);

        // a VM whose root disk is cloned from the copy boots on tank2's owner
        Rest.Response created = Rest.post(cluster.restBase("n2") + "/vms", diskVm(COPY_VM, disks), "admin",
                cluster.password());
        assertEquals(201, created.status(), created.body());
        String id = created.json().at("/vm/id").asText();
        Path console = cluster.karafHome(other).resolve("data/cairn/console/" + COPY_VM + ".log");
        assertEquals(202, Rest.post(cluster.restBase(other) + "/vms/" + COPY_VM + "/start", "", "admin",
                cluster.password()).status());
        Pattern wrote = Pattern.compile("cairn-guest: disk vdb read (\\w+) wrote ([0-9a-f]+)");
        LocalCluster.await(COPY_VM + " booted from its disk cloned from the copy", Duration.ofSeconds(240),
                () -> Files.exists(console) && wrote.matcher(read(console)).find());
        assertEquals(POOL2 + "/images/" + COPY_IMAGE + "@image", cluster.exec(other, "zfs", "get", "-H", "-o", "value",
                "origin", POOL2 + "/vms/" + id + "/root").strip());

        // away again: the VM with its disks, the image (each pool's owner destroys its copy), the pool
        assertEquals(202, Rest.delete(cluster.restBase(other) + "/vms/" + COPY_VM, "admin", cluster.password()).status());
        LocalCluster.await(COPY_VM + " deleted", Duration.ofSeconds(120), () -> !vmNames().contains(COPY_VM)
                && !Virsh.running(cluster, other).contains("cairn-" + COPY_VM));
        LocalCluster.await("the disks of " + COPY_VM + " destroyed", Duration.ofSeconds(120),
                () -> cluster.exec(other, "zfs", "list", "-H", "-o", "name").lines()
                        .noneMatch((POOL2 + "/vms/" + id)::equals));
        // the shell waits longer than the REST client here: two owners in turn, zfs-fuse busy after unmounts
        String deleted = Ssh.run(cluster.address("n1"), cluster.sshPort("n1"), "admin", cluster.password(),
                "image:delete " + COPY_IMAGE);
        assertTrue(deleted.contains("Image " + COPY_IMAGE + " deleted"), deleted);
        assertEquals(404, Rest.get(cluster.restBase("n2") + "/images/" + COPY_IMAGE, "admin", cluster.password()).status());
        assertTrue(snapshots(owner).lines().noneMatch(l -> l.contains("/images/" + COPY_IMAGE + "@")), snapshots(owner));
        assertTrue(snapshots(other).lines().noneMatch(l -> l.contains("/images/" + COPY_IMAGE + "@")), snapshots(other));
        Rest.Response dropped = Rest.delete(cluster.restBase("n1") + "/pools/" + POOL2, "admin", cluster.password());
        assertEquals(202, dropped.status(), dropped.body());
        assertEquals("succeeded", awaitTask("n1", dropped.json().path("id").asText()).path("state").asText());
        assertTrue(imported(other).stream().noneMatch(POOL2::equals), other + " imports " + imported(other));
    }

    private static Rest.Response copy(String node, String image, String pool) {
        return Rest.post(cluster.restBase(node) + "/images/" + image + "/copies?pool=" + pool, "", "admin",
                cluster.password());
    }

    private static Rest.Response upload(String node, String name, Path file) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cluster.restBase(node) + "/images?name="
                        + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8) + "&pool=tank"))
                .timeout(Duration.ofMinutes(5)).header("Content-Type", "application/octet-stream")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString(("admin:" + cluster.password()).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofFile(file));
        try {
            var response = UPLOADS.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Rest.Response(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String snapshots(String node) {
        return cluster.exec(node, "zfs", "list", "-H", "-t", "snapshot", "-o", "name");
    }

    private static String sha256(Path file) throws Exception {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    /** A VM that boots from its first disk (no boot section). */
    private static String diskVm(String name, String disks) {
        return "{\"name\":\"" + name + "\",\"vcpus\":1,\"memoryMiB\":96,\"disks\":" + disks + "}";
    }

    private static String tail(String log) {
        return log.length() > 2000 ? log.substring(log.length() - 2000) : log;
    }

    /**
     * Last of the class (it deletes the pool every test before it used): a pool with a VM's disk is
     * refused with nothing changed; once no VM has disks on it, its owner destroys it, the members
     * stop serving their disks, and the freed disks build a new pool.
     */
    @Test
    @Order(99)
    void aPoolWithAVmsDiskIsNotDeletedAndAnEmptyOneIsDestroyedOnEveryNodeAndItsDisksBuildANewPool() {
        String owner = pool("n1").at("/owner/node").asText();
        Rest.Response keep = Rest.post(cluster.restBase("n2") + "/vms",
                vm("st-keep", null, "[{\"name\":\"data\",\"pool\":\"tank\",\"sizeMiB\":16}]"), "admin",
                cluster.password());
        assertEquals(201, keep.status(), keep.body());
        awaitDisksOfDeletedVmsGone();
        Map<String, String> before = zfsState();
        Rest.Response refused = Rest.delete(cluster.restBase("n3") + "/pools/tank", "admin", cluster.password());
        assertEquals(409, refused.status(), refused.body());
        assertTrue(refused.body().contains("st-keep") && refused.body().contains("disks on it"), refused.body());
        assertEquals(before, zfsState(), "zpool list / zfs list on every node after the refusal");
        assertEquals(404, Rest.delete(cluster.restBase("n3") + "/pools/nope", "admin", cluster.password()).status());

        List<String> onTank = new ArrayList<>();
        Rest.get(cluster.restBase("n1") + "/vms", "admin", cluster.password()).json().forEach(v -> {
            if (v.at("/vm/spec/disks/0/pool").asText().equals(POOL)) {
                onTank.add(v.at("/vm/spec/name").asText());
            }
        });
        for (String name : onTank) {
            Rest.Response d = Rest.delete(cluster.restBase("n1") + "/vms/" + name, "admin", cluster.password());
            assertEquals(202, d.status(), name + ": " + d.body());
        }
        LocalCluster.await("the VMs with disks on tank " + onTank + " deleted", Duration.ofSeconds(120),
                () -> vmNames().stream().noneMatch(onTank::contains));

        long t0 = System.nanoTime();
        Rest.Response deleted = Rest.delete(cluster.restBase("n3") + "/pools/tank", "admin", cluster.password());
        assertEquals(202, deleted.status(), deleted.body());
        JsonNode task = awaitTask("n3", deleted.json().path("id").asText());
        assertEquals("succeeded", task.path("state").asText(), task.toString());
        assertEquals("pool.delete", task.path("kind").asText(), task.toString());
        LocalCluster.await("no nbdkit left in any node's namespace", Duration.ofSeconds(60),
                () -> cluster.nodes().stream().allMatch(n -> nbdkitIn(n).isEmpty()));
        System.out.printf("pool tank deleted on %s: task ended and every member stopped serving after %d ms%n", owner,
                (System.nanoTime() - t0) / 1_000_000);
        for (String node : cluster.nodes()) {
            assertEquals(List.of(), imported(node), node + " imports nothing");
            assertEquals(List.of(), procsIn(node, "nbdfuse"), node + " attaches nothing");
        }
        assertEquals(0, Rest.get(cluster.restBase("n2") + "/pools", "admin", cluster.password()).json().size());
        assertEquals(404, Rest.get(cluster.restBase("n2") + "/pools/tank", "admin", cluster.password()).status());
        Rest.get(cluster.restBase("n2") + "/pools/disks", "admin", cluster.password()).json().forEach(n ->
                assertEquals(n.path("disks"), n.path("free"), "every disk is free again: " + n));

        Rest.Response again = post("n1", "{\"name\":\"again\",\"redundancy\":1}");
        assertEquals(201, again.status(), again.body());
        String againOwner = again.json().at("/owner/node").asText();
        LocalCluster.await("pool again ONLINE on the freed disks", Duration.ofSeconds(120), () -> {
            Rest.Response r = Rest.get(cluster.restBase("n1") + "/pools/again", "admin", cluster.password());
            return r.status() == 200 && "ONLINE".equalsIgnoreCase(r.json().at("/status/health").asText());
        });
        String status = cluster.exec(againOwner, "zpool", "status", "again");
        assertTrue(status.contains("raidz1-0") && !status.contains("tank"), status);
        Rest.Response dropped = Rest.delete(cluster.restBase("n1") + "/pools/again", "admin", cluster.password());
        assertEquals(202, dropped.status(), dropped.body());
        assertEquals("succeeded", awaitTask("n1", dropped.json().path("id").asText()).path("state").asText());
    }

    private static Rest.Response putLicence(String file) {
        return Rest.send(HttpRequest.newBuilder(URI.create(cluster.restBase("n1") + "/license"))
                .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString(file,
                        StandardCharsets.UTF_8)), "admin", cluster.password());
    }

    // ---------------------------------------------------------------- helpers

    private static String vm(String name, String node, String disks) {
        return "{\"name\":\"" + name + "\",\"vcpus\":1,\"memoryMiB\":96"
                + (node == null ? "" : ",\"node\":\"" + node + "\"")
                + ",\"boot\":{\"kernel\":\"vmlinuz\",\"initrd\":\"initrd.img\",\"cmdline\":\"console=ttyS0\"}"
                + ",\"disks\":" + disks + "}";
    }

    private static void expectVm(String json, String message) {
        Rest.Response r = Rest.post(cluster.restBase("n2") + "/vms", json, "admin", cluster.password());
        assertEquals(422, r.status(), json + " -> " + r.body());
        assertTrue(r.body().contains(message), json + " -> " + r.body() + " (expected to name: " + message + ")");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file, e);
        }
    }

    private static List<String> vmNames() {
        List<String> names = new ArrayList<>();
        Rest.get(cluster.restBase("n1") + "/vms", "admin", cluster.password()).json()
                .forEach(v -> names.add(v.at("/vm/spec/name").asText()));
        return names;
    }

    private static Rest.Response post(String node, String json) {
        return Rest.post(cluster.restBase(node) + "/pools", json, "admin", cluster.password());
    }

    private static void expect(int code, String json, String message) {
        Rest.Response r = post("n2", json);
        assertEquals(code, r.status(), json + " -> " + r.body());
        assertTrue(r.body().contains(message), json + " -> " + r.body() + " (expected to name: " + message + ")");
    }

    /** The task once it has ended, as {@code node} answers (a scrub of this pool takes seconds). */
    private static JsonNode awaitTask(String node, String id) {
        JsonNode[] last = new JsonNode[1];
        LocalCluster.await("task " + id + " to end", Duration.ofSeconds(180), () -> {
            Rest.Response r = Rest.get(cluster.restBase(node) + "/tasks/" + id, "admin", cluster.password());
            if (r.status() != 200) {
                throw new IllegalStateException("GET /tasks/" + id + " on " + node + ": " + r.status() + " " + r.body());
            }
            last[0] = r.json();
            String state = last[0].path("state").asText();
            return state.equals("succeeded") || state.equals("failed");
        });
        return last[0];
    }

    /** The pool as {@code node} answers; throws (a RuntimeException, so awaits retry) on anything but 200. */
    private static JsonNode pool(String node) {
        Rest.Response r = Rest.get(cluster.restBase(node) + "/pools/" + POOL, "admin", cluster.password());
        if (r.status() != 200) {
            throw new IllegalStateException("GET /pools/tank on " + node + ": " + r.status() + " " + r.body());
        }
        return r.json();
    }

    private static JsonNode status(String node) {
        return pool(node).path("status");
    }

    /** Member node -> state, from the config table of zpool status. */
    private static Map<String, String> members(String status) {
        Map<String, String> out = new HashMap<>();
        Matcher m = MEMBER_LINE.matcher(status);
        while (m.find()) {
            out.put(m.group(2), m.group(3));
        }
        return out;
    }

    private static void writeOnOwner(String owner, String file, int mib) {
        cluster.exec(owner, "dd", "if=/dev/urandom", "of=/var/lib/cairn/pools/tank/vols/" + file, "bs=1M",
                "count=" + mib, "conv=fsync", "status=none");
    }

    /** The pools {@code node}'s zfs-fuse has imported ({@code zpool list -H} prints nothing when there are none). */
    private static List<String> imported(String node) {
        return cluster.exec(node, "zpool", "list", "-H", "-o", "name").lines().map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    /** zpool list and zfs list of every node. */
    /**
     * Deleting a VM destroys its disks once its domain is gone, after the REST answer: a test comparing
     * {@link #zfsState()} before and after first waits until no node lists a dataset of a VM that no longer exists.
     */
    private static void awaitDisksOfDeletedVmsGone() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        Rest.get(cluster.restBase("n1") + "/vms", "admin", cluster.password()).json()
                .forEach(v -> ids.add(v.at("/vm/id").asText()));
        String prefix = POOL + "/vms/";
        LocalCluster.await("the disks of deleted VMs destroyed", Duration.ofSeconds(120), () -> cluster.nodes().stream()
                .allMatch(n -> cluster.exec(n, "zfs", "list", "-H", "-o", "name").lines()
                        .filter(l -> l.startsWith(prefix))
                        .allMatch(l -> ids.contains(l.substring(prefix.length()).split("/")[0]))));
    }

    private static Map<String, String> zfsState() {
        Map<String, String> out = new HashMap<>();
        for (String node : cluster.nodes()) {
            out.put(node, cluster.exec(node, "zpool", "list", "-H", "-o", "name,size,health") + "|"
                    + cluster.exec(node, "zfs", "list", "-H", "-o", "name"));
        }
        return out;
    }

    private static String keeperPid(String node) {
        try {
            return Files.readString(cluster.karafHome(node).getParent().resolve("keeper.pid")).strip();
        } catch (IOException e) {
            throw new IllegalStateException("no keeper pid for " + node, e);
        }
    }

    private static String mountNs(String pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", pid, "ns", "mnt")).toString();
        } catch (IOException e) {
            return "";
        }
    }

    /** Pids of the processes named {@code comm} in the node's mount namespace. */
    private static List<String> procsIn(String node, String comm) {
        String ns = mountNs(keeperPid(node));
        List<String> out = new ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if (Files.readString(p.resolve("comm")).strip().equals(comm) && mountNs(p.getFileName().toString()).equals(ns)) {
                        out.add(p.getFileName().toString());
                    }
                } catch (IOException e) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return out;
    }

    /** Command lines of the nbdkit servers in the node's mount namespace. */
    private static List<String> nbdkitIn(String node) {
        List<String> out = new ArrayList<>();
        for (String pid : procsIn(node, "nbdkit")) {
            try {
                out.add(new String(Files.readAllBytes(Path.of("/proc", pid, "cmdline"))).replace('\0', ' ').strip());
            } catch (IOException e) {
                // ended meanwhile
            }
        }
        return out;
    }

    /** SIGKILLs the node's zfs-fuse and its NBD servers and clients (its Karaf is killed separately). */
    private static void killStorageDaemons(String node) {
        for (String comm : List.of("zfs-fuse", "nbdkit", "nbdfuse")) {
            for (String pid : procsIn(node, comm)) {
                Host.exec(List.of("kill", "-KILL", pid), Duration.ofSeconds(10), Map.of());
            }
        }
    }
}
