package io.github.loopbackfastpath.unixdomain.observation;

import java.net.URI;

import io.github.loopbackfastpath.unixdomain.UnixDomainRouter;
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

	/**
	 * Create the resolver's decision.
	 * @param router decides where requests go
	 */
	public HttpClientTransport(UnixDomainRouter router) {
		this.router = router;
	}

	/**
	 * The transport of an exchange with a URI.
	 * @param uri the exchange's URI
	 * @return the transport
	 */
	public ExchangeTransport of(@Nullable URI uri) {
		if (uri == null || !"http".equalsIgnoreCase(uri.getScheme()) || this.router.leavesClientsOnTcp()) {
			return ExchangeTransport.TCP;
		}
		return ExchangeTransport.of(this.router.routes(uri.getHost(), UnixDomainRouter.httpPort(uri.getPort())));
	}

}
