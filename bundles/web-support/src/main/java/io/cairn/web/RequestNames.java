package io.cairn.web;

import io.cairn.api.common.DnsLabel;
import io.cairn.api.common.NotFoundException;

/**
 * Names that requests carry in a path or a parameter. Resources are named by DNS labels ({@link DnsLabel},
 * the one rule, checked by the api records): a value that is not one can name no resource, so it is answered
 * "not found" before any service is asked, and it is quoted only in printable form.
 */
public final class RequestNames {
    private RequestNames() {
    }

    /**
     * @param kind  what is named, e.g. "VM" or "node"
     * @param value the name from the request
     * @return the value if it is a DNS label, else throws {@link NotFoundException} saying the rule
     */
    public static String require(String kind, String value) {
        if (!DnsLabel.isValid(value)) {
            throw new NotFoundException(noSuch(kind, value) + " (" + kind + " names are DNS labels: 1-63 lowercase "
                    + "letters, digits and '-')");
        }
        return value;
    }

    /** The message of a name that names nothing: {@code no VM named 'x'}. */
    public static NotFoundException notFound(String kind, String value) {
        return new NotFoundException(noSuch(kind, value));
    }

    private static String noSuch(String kind, String value) {
        return "no " + kind + " named '" + DnsLabel.printable(value) + "'";
    }
}
