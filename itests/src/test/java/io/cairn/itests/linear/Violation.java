package io.cairn.itests.linear;

import java.util.List;

/**
 * A register history that has no linearization.
 *
 * @param key     the register
 * @param reason  what went wrong, in words
 * @param witness a small sub-history of the key that is itself not linearizable (a proof: any
 *                history containing it is not linearizable either), sorted by invocation
 * @param opsOfKey how many operations the key's history had
 */
public record Violation(String key, String reason, List<Op> witness, int opsOfKey) {
    public Violation {
        witness = List.copyOf(witness);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("key '" + key + "' is not linearizable (" + reason + "); "
                + witness.size() + " of its " + opsOfKey + " operations suffice:");
        witness.forEach(op -> out.append("\n  ").append(op));
        return out.toString();
    }
}
