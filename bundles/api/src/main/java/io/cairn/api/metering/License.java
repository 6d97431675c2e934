package io.cairn.api.metering;

import java.time.Instant;
import java.util.Objects;

/**
 * A verified licence: what a signed licence file grants.
 *
 * @param id        the licence's id (vendor's reference)
 * @param customer  who it was issued to
 * @param clusterId the only cluster it is valid for
 * @param kind      subscription or perpetual
 * @param capacity  contracted capacity (perpetual)
 * @param notBefore valid from
 * @param notAfter  valid until
 */
public record License(String id, String customer, String clusterId, LicenseKind kind, Capacity capacity,
                      Instant notBefore, Instant notAfter) {
    public License {
        if (id == null || !id.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("licence id must be 1-64 letters, digits, '.', '_' or '-', was " + id);
        }
        if (customer == null || customer.isBlank() || customer.length() > 200 || customer.contains("\n")) {
            throw new IllegalArgumentException("licence customer must be one line of 1-200 characters");
        }
        if (clusterId == null || !clusterId.matches("[0-9a-f-]{36}")) {
            throw new IllegalArgumentException("licence clusterId must be a UUID, was " + clusterId);
        }
        Objects.requireNonNull(kind, "licence kind is required");
        Objects.requireNonNull(capacity, "licence capacity is required");
        Objects.requireNonNull(notBefore, "licence notBefore is required");
        Objects.requireNonNull(notAfter, "licence notAfter is required");
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("licence notAfter must be after notBefore");
        }
    }

    public boolean validAt(Instant at) {
        return !at.isBefore(notBefore) && at.isBefore(notAfter);
    }
}
