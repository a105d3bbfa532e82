package io.github.loopbackfastpath.unixdomain.observation;

import io.micrometer.observation.Observation;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * The transport of a request to a Servlet container (Tomcat, Jetty): a request that came
 * over AF_UNIX has no local TCP port (Tomcat reports {@code 0}, Jetty {@code -1}). The
 * local port is the one thing forwarded headers never rewrite.
 *
 * @author Loopback Fast Path contributors
 */
public final class ServletServerTransport implements TransportResolver {

	@Override
	public @Nullable ExchangeTransport transportOf(Observation.Context context) {
		if (context instanceof ServerRequestObservationContext server) {
			HttpServletRequest request = server.getCarrier();
			return (request != null) ? ExchangeTransport.of(request.getLocalPort() <= 0) : null;
		}
		return null;
	}

}
