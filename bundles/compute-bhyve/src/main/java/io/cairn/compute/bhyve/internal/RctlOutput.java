package io.cairn.compute.bhyve.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses rctl(8) rule listings ({@code rctl [filter]}, {@code rctl -l filter}): one rule per line,
 * {@code subject:subject-id:resource:action=amount[/per]}, as rctl.c's print_rules writes them.
 */
public final class RctlOutput {
    private static final Pattern RULE = Pattern.compile(
            "([a-z]+):([^:]*):([a-z]+):([a-z0-9]+)=(\\d+)(?:/([a-z]+))?");

    /** One rule as rctl prints it. */
    public record Rule(String subject, String subjectId, String resource, String action, long amount, String per) {
        /** The same rule, where a missing {@code per} means the subject itself (rctl(8), RULE SYNTAX). */
        public boolean sameAs(Rule other) {
            return subject.equals(other.subject) && subjectId.equals(other.subjectId) && resource.equals(other.resource)
                    && action.equals(other.action) && amount == other.amount && effectivePer().equals(other.effectivePer());
        }

        private String effectivePer() {
            return per == null ? subject : per;
        }

        /** The rule as {@code rctl -a} takes it. */
        public String text() {
            return subject + ":" + subjectId + ":" + resource + ":" + action + "=" + amount + (per == null ? "" : "/" + per);
        }
    }

    private RctlOutput() {
    }

    /** @throws IllegalStateException on a line that is not a rule */
    public static List<Rule> rules(String stdout) {
        List<Rule> rules = new ArrayList<>();
        for (String line : (stdout == null ? "" : stdout).split("\n")) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            Matcher m = RULE.matcher(l);
            if (!m.matches()) {
                throw new IllegalStateException("rctl printed a line that is not a rule: '" + l + "'");
            }
            rules.add(new Rule(m.group(1), m.group(2), m.group(3), m.group(4), Long.parseLong(m.group(5)), m.group(6)));
        }
        return List.copyOf(rules);
    }

    /** Parses one rule written as {@code rctl -a} takes it. */
    public static Rule rule(String text) {
        List<Rule> parsed = rules(text);
        if (parsed.size() != 1) {
            throw new IllegalArgumentException("not one rctl rule: '" + text + "'");
        }
        return parsed.get(0);
    }
}
