/**
 * Licence metering: usage records (one per VM and interval, counted once), prices with effective dates, monthly
 * statements, signed licences and the {@link io.cairn.api.metering.MeteringSink} SPI for partners' billing.
 */
@Version("1.0.0")
package io.cairn.api.metering;

import org.osgi.annotation.versioning.Version;
