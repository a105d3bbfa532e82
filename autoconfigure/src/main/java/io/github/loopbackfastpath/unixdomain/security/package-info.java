/**
 * Spring Security by peer: an {@code Authentication} for requests that came over a
 * published socket
 * ({@link io.github.loopbackfastpath.unixdomain.security.PeerAuthentication}, set by
 * {@link io.github.loopbackfastpath.unixdomain.security.PeerAuthenticationFilter} or
 * {@link io.github.loopbackfastpath.unixdomain.security.PeerAuthenticationWebFilter}),
 * and authorization by the peer's user or group for {@code authorizeHttpRequests}
 * ({@link io.github.loopbackfastpath.unixdomain.security.PeerAuthorizationManager}) and
 * {@code authorizeExchange}
 * ({@link io.github.loopbackfastpath.unixdomain.security.ReactivePeerAuthorizationManager}).
 * Which peers a rule admits is decided once, in
 * {@link io.github.loopbackfastpath.unixdomain.security.PeerRule}.
 */
@NullMarked
package io.github.loopbackfastpath.unixdomain.security;

import org.jspecify.annotations.NullMarked;
