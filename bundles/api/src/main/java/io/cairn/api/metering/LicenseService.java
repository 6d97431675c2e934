package io.cairn.api.metering;

/** The cluster's licence. */
public interface LicenseService {
    LicenseStatus status();

    /**
     * Verifies and installs a signed licence file (its text), replacing the current one.
     *
     * @throws LicenseRejectedException when it is malformed, unsigned, tampered with, expired, not yet valid or
     *                                  for another cluster (nothing changed)
     */
    License install(String licenseFile);

    void addListener(LicenseListener listener);

    void removeListener(LicenseListener listener);
}
