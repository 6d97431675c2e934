/**
 * What Cairn's northbound bundles (REST, SOAP) share: {@link io.cairn.web.CxfEndpoint} publishes a CXF
 * endpoint, {@link io.cairn.web.ApiFailure} maps api failures to an HTTP status and a stable error code,
 * {@link io.cairn.web.RequestNames} checks the names a request carries, {@link io.cairn.web.Services}
 * turns a missing service into "unavailable".
 */
@Version("1.0.0")
package io.cairn.web;

import org.osgi.annotation.versioning.Version;
