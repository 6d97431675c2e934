/**
 * Licence metering: usage records (one per VM and interval, counted once), prices with effective dates, monthly
 * statements, signed licences and the {@link io.cairn.api.metering.MeteringSink} SPI for partners' billing.
 * 1.1: disk space in usage records (disk-only records of stopped VMs), prices and statements.
 */
@Version("1.1.0")
package io.cairn.api.metering;

import org.osgi.annotation.versioning.Version;
