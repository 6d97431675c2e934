package io.cairn.api.metering;

/** Receives licence warnings raised on this node; must not block. */
@FunctionalInterface
public interface LicenseListener {
    void warned(LicenseWarning warning);
}
