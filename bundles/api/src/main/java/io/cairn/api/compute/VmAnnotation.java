package io.cairn.api.compute;

import io.cairn.api.common.DnsLabel;

/**
 * A key/value label on a VM (like Proxmox tags or Nutanix categories), kept in the consistent
 * store: each annotation is a register, read linearizably.
 *
 * @param key     a DNS label (1-63 lowercase letters, digits and '-')
 * @param value   up to {@link #MAX_VALUE_LENGTH} characters of text, no control characters
 * @param version the store version of the last write (a Raft log index: it only grows)
 */
public record VmAnnotation(String key, String value, long version) {
    public static final int MAX_VALUE_LENGTH = 1024;

    public VmAnnotation {
        requireKey(key);
        requireValue(value);
        if (version < 1) {
            throw new IllegalArgumentException("an annotation version must be positive, was " + version);
        }
    }

    /** @return the key if valid, else throws with the rule */
    public static String requireKey(String key) {
        return DnsLabel.require(key, "an annotation key");
    }

    /** @return the value if valid, else throws with the rule */
    public static String requireValue(String value) {
        if (value == null) {
            throw new IllegalArgumentException("an annotation value is required");
        }
        int length = value.codePointCount(0, value.length());
        if (length > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("an annotation value may have at most " + MAX_VALUE_LENGTH
                    + " characters, was " + length);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(String.format(
                        "an annotation value must not contain control characters (U+%04X at index %d)", (int) c, i));
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("an annotation value must be valid Unicode (unpaired surrogate at index "
                        + i + ")");
            }
        }
        return value;
    }
}
