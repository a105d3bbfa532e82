package io.github.loopbackfastpath.unixdomain.observation;

import java.net.URI;

import io.github.loopbackfastpath.unixdomain.LoopbackHosts;
import io.github.loopbackfastpath.unixdomain.UnixDomainRouter;
import io.github.loopbackfastpath.unixdomain.client.ClientConnections;
import org.jspecify.annotations.Nullable;

/**
 * The transport of an HTTP client exchange, for the client observations of
 * {@code RestClient}, {@code RestTemplate} and {@code WebClient}: what the
 * {@link UnixDomainRouter} does with the exchange's URI, unless the application has a
 * client the mode leaves on TCP (the JDK's, or an HttpClient 5 without the hook the mode
 * needs), whose exchanges cannot be told apart from the others' in the observation; then
 * every client exchange counts as {@code TCP}.
 *
 * @author Loopback Fast Path contributors
 */
public final class HttpClientTransport {

	private final UnixDomainRouter router;

	private final ClientConnections connections;

	/**
	 * Create the resolver's decision.
	 * @param router decides where requests go
	 * @param connections which clients stay on TCP
	 */
	public HttpClientTransport(UnixDomainRouter router, ClientConnections connections) {
		this.router = router;
		this.connections = connections;
	}

	/**
	 * The transport of an exchange with a URI.
	 * @param uri the exchange's URI
	 * @return the transport
	 */
	public ExchangeTransport of(@Nullable URI uri) {
		if (uri == null || !"http".equalsIgnoreCase(uri.getScheme()) || this.connections.leavesClientsOnTcp()) {
			return ExchangeTransport.TCP;
		}
		return ExchangeTransport.of(this.router.routes(uri.getHost(), LoopbackHosts.httpPort(uri.getPort())));
	}

	/**
	 * The transport of a {@code RestClient} or {@code RestTemplate} exchange with a URI:
	 * TCP where those clients stay on TCP (a reactive application's).
	 * @param uri the exchange's URI
	 * @return the transport
	 */
	public ExchangeTransport ofRestClient(@Nullable URI uri) {
		return this.connections.leavesRestClientsOnTcp() ? ExchangeTransport.TCP : of(uri);
	}

}
