package io.cairn.api.storage;

import java.util.Objects;

/**
 * The last scrub or resilver of a pool.
 *
 * @param state         NONE (never), RUNNING, COMPLETED
 * @param kind          "scrub" or "resilver" ("" when none)
 * @param errors        errors the last scan found
 * @param repairedBytes bytes it repaired (the sum of the members' "repaired" notes)
 * @param summary       ZFS's own line, e.g. "scrub completed after 0h0m with 0 errors on …"
 */
public record ScrubStatus(State state, String kind, long errors, long repairedBytes, String summary) {
    public enum State { NONE, RUNNING, COMPLETED }

    public static final ScrubStatus NONE = new ScrubStatus(State.NONE, "", 0, 0, "none requested");

    public ScrubStatus {
        Objects.requireNonNull(state, "state must not be null");
        kind = kind == null ? "" : kind;
        if (errors < 0 || repairedBytes < 0) {
            throw new IllegalArgumentException("errors and repairedBytes must not be negative");
        }
        summary = summary == null ? "" : summary;
    }
}
