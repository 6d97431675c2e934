package io.cairn.state.raft.internal;

import org.jgroups.protocols.raft.FileBasedLog;
import org.jgroups.protocols.raft.LogEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Start-up check of a member's FileBasedLog, before RAFT opens it.
 *
 * <p>What FileBasedLog does on its own with a damaged tail: {@code LogEntryStorage.reload()} walks record headers
 * and stops at the first header that is short or fails its sanity check, so a record cut inside its <em>header</em>
 * is ignored (and overwritten by the next append). A record whose header is complete but whose <em>data</em> is
 * cut is still counted as the last appended entry; reading it returns null, which makes RAFT log "entry not found"
 * and, as a follower, never repair it. Records carry no checksum, so flipped bytes are accepted as they are.
 *
 * <p>Here every Cairn command carries a CRC32. The check reads every entry: the first bad index {@code i} is
 * <ul>
 *   <li>above the stored commit index: only entries this member never acknowledged can be damaged (with
 *   {@code log_use_fsync} an entry is acknowledged after it is on disk), so the tail from {@code i} is cut and
 *   the leader resends it. The member keeps its vote.</li>
 *   <li>at or below the commit index (bit rot, a lying disk, a lost file): the whole log directory is moved aside
 *   and the member rejoins empty, receiving a snapshot and entries from the leader. A member that lost entries it
 *   acknowledged must not vote, or it could elect a leader that lacks a committed entry: the caller marks it
 *   {@code rejoining} (a marker file survives restarts) and {@link RaftWatch} drops vote requests until it has
 *   caught up with a commit made after it rejoined.</li>
 * </ul>
 */
public final class LogRepair {
    private static final Logger LOG = Logger.getLogger(LogRepair.class.getName());

    public enum Outcome { EMPTY, CLEAN, TAIL_CUT, MOVED_ASIDE }

    public record Result(Outcome outcome, String detail) {
    }

    private LogRepair() {
    }

    public static Result check(Path logDir) {
        if (!Files.isDirectory(logDir)) {
            return new Result(Outcome.EMPTY, "no log at " + logDir);
        }
        FileBasedLog log = new FileBasedLog();
        long bad = -1;
        String why = null;
        long first, last, commit;
        try {
            log.init(logDir.toString(), Map.of());
            first = Math.max(1, log.firstAppended());
            last = log.lastAppended();
            commit = log.commitIndex();
            boolean hasSnapshot = log.getSnapshot() != null;
            for (long i = first; i <= last; i++) {
                LogEntry e = log.get(i);
                if (e == null) {
                    bad = i;
                    why = "entry " + i + " is truncated";
                    break;
                }
                byte[] cmd = e.command();
                int len = e.length();
                if (i == log.firstAppended() && hasSnapshot && (cmd == null || len == 0)) {
                    continue; // placeholder entry written when a snapshot was installed
                }
                if (e.internal()) {
                    continue;
                }
                if (!Codec.verify(cmd, e.offset(), len)) {
                    bad = i;
                    why = "entry " + i + " fails its checksum";
                    break;
                }
            }
            if (bad < 0 && last < commit) {
                bad = last + 1;
                why = "log ends at " + last + " below the stored commit index " + commit;
            }
            if (bad < 0) {
                return new Result(Outcome.CLEAN, "entries " + first + ".." + last + ", commit " + commit);
            }
            if (bad > commit && bad > log.firstAppended()) {
                long term = log.currentTerm();
                // FileBasedLog resets currentTerm to the term of the new last entry: a term must never go back
                // (the vote cast in it is tied to it), so restore it
                log.deleteAllEntriesStartingFrom(bad);
                if (log.currentTerm() != term) {
                    log.currentTerm(term);
                }
                String msg = why + "; cut the unacknowledged tail " + bad + ".." + last + " (commit index " + commit + ")";
                LOG.warning(logDir + ": " + msg);
                return new Result(Outcome.TAIL_CUT, msg);
            }
        } catch (Exception | AssertionError e) {
            why = "log cannot be read: " + e;
        } finally {
            try {
                log.close();
            } catch (RuntimeException ignored) {
                // moving aside below
            }
        }
        return moveAside(logDir, why);
    }

    public static Result moveAside(Path logDir, String why) {
        Path aside = logDir.resolveSibling(logDir.getFileName() + ".damaged-" + Instant.now().toEpochMilli());
        try {
            Files.move(logDir, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("log " + logDir + " is damaged (" + why + ") and could not be moved aside to "
                    + aside + ": " + e + "; move it away by hand to let this member rejoin empty", e);
        }
        String msg = why + "; moved the log to " + aside + " and rejoining empty (no vote until caught up)";
        LOG.warning(logDir + ": " + msg);
        return new Result(Outcome.MOVED_ASIDE, msg);
    }
}
