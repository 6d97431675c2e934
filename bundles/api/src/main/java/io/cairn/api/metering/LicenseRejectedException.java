package io.cairn.api.metering;

/** A licence file was refused; nothing was installed. Its {@link #reason()} says which check failed. */
public class LicenseRejectedException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Which check refused the file. */
    public enum Reason { MALFORMED, UNSIGNED, TAMPERED, EXPIRED, NOT_YET_VALID, OTHER_CLUSTER }

    private final Reason reason;

    public LicenseRejectedException(Reason reason, String message) {
        super("licence refused (" + reason.name().toLowerCase(java.util.Locale.ROOT) + "): " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
