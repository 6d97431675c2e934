package io.cairn.api.compute;

import java.util.List;
import java.util.Objects;

/**
 * One page of a VM listing.
 *
 * @param items      the VMs, in name order
 * @param nextCursor the cursor of the next page, or null when this is the last
 */
public record VmPage(List<VmDetails> items, String nextCursor) {
    public VmPage {
        items = List.copyOf(Objects.requireNonNull(items, "items must not be null"));
    }
}
