/**
 * The {@code transport} key the same-host mode adds to Spring's HTTP and gRPC
 * observations, {@code TCP} or {@code UNIX_DOMAIN} ({@code ExchangeTransport}), so that a
 * user compares the two on their own dashboards: one {@code ObservationFilter}
 * ({@code TransportObservationFilter}) and one small {@code TransportResolver} per kind
 * of exchange (servlet and reactive servers, {@code RestClient}, {@code WebClient}, gRPC
 * server and client; {@code HttpClientTransport} for both HTTP clients).
 */
@NullMarked
package io.github.loopbackfastpath.unixdomain.observation;

import org.jspecify.annotations.NullMarked;
