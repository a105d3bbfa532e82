package io.github.loopbackfastpath.client.reactor;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.loopbackfastpath.unixdomain.UnixDomainSockets;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.AbstractBufferingClientHttpRequest;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.ReactorClientHttpRequestFactory;

/**
 * The {@link UnixDomainRoutingConnector} of {@code RestClient} and {@code RestTemplate}
 * on Reactor Netty: each plain {@code http://} loopback request whose port has a trusted
 * published AF_UNIX socket goes over it, through the application's own {@link HttpClient}
 * pointed at the socket; every other request goes to the application's factory unchanged.
 * A routed request's body is buffered, so that a request whose AF_UNIX connection fails
 * before anything was sent is sent over TCP instead; a failure after that is the
 * request's failure, as over TCP: a request is never sent twice.
 *
 * @author Loopback Fast Path contributors
 */
public final class UnixDomainRoutingRequestFactory implements ClientHttpRequestFactory {

	private final ClientHttpRequestFactory tcp;

	private final HttpClient httpClient;

	private final UnixDomainSockets sockets;

	private final Map<Path, ClientHttpRequestFactory> factories = new ConcurrentHashMap<>();

	/**
	 * Create a routing request factory.
	 * @param tcp the application's factory, used for everything that stays on TCP
	 * @param httpClient the client it was built from
	 * @param sockets the same-host mode
	 */
	public UnixDomainRoutingRequestFactory(ClientHttpRequestFactory tcp, HttpClient httpClient,
			UnixDomainSockets sockets) {
		this.tcp = tcp;
		this.httpClient = httpClient;
		this.sockets = sockets;
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod method) throws IOException {
		Path socket = this.sockets.route(uri);
		if (socket == null) {
			return this.tcp.createRequest(uri, method);
		}
		return new RoutedRequest(uri, method, socket);
	}

	private ClientHttpRequestFactory factory(Path socket) {
		return new ReactorClientHttpRequestFactory(
				UnixDomainRoutingConnector.unixDomainClient(this.httpClient, socket, this.sockets));
	}

	// A connection that was refused or whose socket file is gone: nothing was sent
	private static boolean isConnectFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException) {
				return true;
			}
		}
		return false;
	}

	private final class RoutedRequest extends AbstractBufferingClientHttpRequest {

		private final URI uri;

		private final HttpMethod method;

		private final Path socket;

		RoutedRequest(URI uri, HttpMethod method, Path socket) {
			this.uri = uri;
			this.method = method;
			this.socket = socket;
		}

		@Override
		public HttpMethod getMethod() {
			return this.method;
		}

		@Override
		public URI getURI() {
			return this.uri;
		}

		@Override
		protected ClientHttpResponse executeInternal(HttpHeaders headers, byte[] body) throws IOException {
			ClientHttpRequestFactory unixDomain = UnixDomainRoutingRequestFactory.this.factories
				.computeIfAbsent(this.socket, UnixDomainRoutingRequestFactory.this::factory);
			ClientHttpRequest request = unixDomain.createRequest(UnixDomainRoutingConnector.relative(this.uri),
					this.method);
			request.getHeaders().putAll(headers);
			request.getHeaders().set(HttpHeaders.HOST, this.uri.getRawAuthority());
			try {
				return send(request, body);
			}
			catch (IOException | RuntimeException ex) {
				if (!isConnectFailure(ex)) {
					throw ex;
				}
				UnixDomainRoutingRequestFactory.this.sockets.fellBack(UnixDomainRoutingConnector.COMPONENT, this.socket,
						ex);
				ClientHttpRequest tcp = UnixDomainRoutingRequestFactory.this.tcp.createRequest(this.uri, this.method);
				tcp.getHeaders().putAll(headers);
				return send(tcp, body);
			}
		}

		private ClientHttpResponse send(ClientHttpRequest request, byte[] body) throws IOException {
			if (body.length > 0) {
				request.getBody().write(body);
			}
			return request.execute();
		}

	}

}
