package io.cairn.api.state;

/**
 * A committed change, delivered to listeners on every node in log order.
 *
 * @param key     the key
 * @param value   the new value, or null if the key was deleted
 * @param version the log index that made the change
 */
public record StoreChange(String key, String value, long version) {
}
