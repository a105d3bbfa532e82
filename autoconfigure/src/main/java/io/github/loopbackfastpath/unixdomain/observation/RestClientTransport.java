package io.github.loopbackfastpath.unixdomain.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.observation.ClientRequestObservationContext;

/**
 * The transport of a {@code RestClient} or {@code RestTemplate} exchange.
 *
 * @author Loopback Fast Path contributors
 */
public final class RestClientTransport implements TransportResolver {

	private final HttpClientTransport clients;

	/**
	 * Create the resolver.
	 * @param clients decides from the exchange's URI
	 */
	public RestClientTransport(HttpClientTransport clients) {
		this.clients = clients;
	}

	@Override
	public @Nullable ExchangeTransport transportOf(Observation.Context context) {
		if (context instanceof ClientRequestObservationContext client) {
			ClientHttpRequest request = client.getCarrier();
			return this.clients.ofRestClient((request != null) ? request.getURI() : null);
		}
		return null;
	}

}
