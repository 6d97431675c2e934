package io.cairn.api.metering;

/** How a licence is sold. */
public enum LicenseKind {
    /** Pay per use: points are billed monthly; no capacity limit. */
    SUBSCRIPTION,
    /** A contracted capacity that the cluster may exceed by at most 33%. */
    PERPETUAL
}
