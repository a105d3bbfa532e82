package io.github.loopbackfastpath.unixdomain.observation;

import java.net.InetSocketAddress;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * The transport of a request to a reactive server (Reactor Netty, or Tomcat and Jetty
 * under WebFlux): a request that came over AF_UNIX has no local TCP address (Reactor
 * Netty and Jetty), or one with port 0 (Tomcat).
 *
 * @author Loopback Fast Path contributors
 */
public final class ReactiveServerTransport implements TransportResolver {

	@Override
	public @Nullable ExchangeTransport transportOf(Observation.Context context) {
		if (context instanceof ServerRequestObservationContext server) {
			ServerHttpRequest request = server.getCarrier();
			if (request == null) {
				return null;
			}
			InetSocketAddress local;
			try {
				local = request.getLocalAddress();
			}
			catch (IllegalArgumentException ex) {
				// Spring's Servlet adapter builds the address from the container's local
				// port, which Jetty's AF_UNIX connector reports as -1
				return ExchangeTransport.UNIX_DOMAIN;
			}
			return ExchangeTransport.of(local == null || local.getPort() <= 0);
		}
		return null;
	}

}
