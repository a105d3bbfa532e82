package io.github.loopbackfastpath.unixdomain.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;

/**
 * The transport of a {@code WebClient} exchange.
 *
 * @author Loopback Fast Path contributors
 */
public final class WebClientTransport implements TransportResolver {

	private final HttpClientTransport clients;

	/**
	 * Create the resolver.
	 * @param clients decides from the exchange's URI
	 */
	public WebClientTransport(HttpClientTransport clients) {
		this.clients = clients;
	}

	@Override
	public @Nullable ExchangeTransport transportOf(Observation.Context context) {
		if (context instanceof ClientRequestObservationContext client) {
			ClientRequest request = client.getRequest();
			return this.clients.of((request != null) ? request.url() : null);
		}
		return null;
	}

}
