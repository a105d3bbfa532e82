package io.github.loopbackfastpath.unixdomain.client.httpclient5;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;

import io.github.loopbackfastpath.registry.Components;
import io.github.loopbackfastpath.unixdomain.UnixDomainRouter;
import io.github.loopbackfastpath.unixdomain.client.ClientConnections;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.io.HttpClientConnectionOperator;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * The connection operator of a pool whose AF_UNIX routes the same-host mode connects
 * itself, through {@link UnixDomainSocketAdapter}, and records; everything else is the
 * pool's own operator. HttpClient 5.6's own AF_UNIX socket adapter leaks file descriptors
 * (measured: about five per connection) and fails in {@code getEndpointDetails}, so the
 * starter does not use it.
 *
 * @author Loopback Fast Path contributors
 */
final class UnixDomainConnectionOperator implements HttpClientConnectionOperator {

	private final HttpClientConnectionOperator delegate;

	private final DnsResolver resolver;

	private final UnixDomainRouter router;

	private final ClientConnections connections;

	UnixDomainConnectionOperator(HttpClientConnectionOperator delegate, DnsResolver resolver, UnixDomainRouter router,
			ClientConnections connections) {
		this.delegate = delegate;
		this.resolver = resolver;
		this.router = router;
		this.connections = connections;
	}

	// The resolver of the pool's own operator
	DnsResolver resolver() {
		return this.resolver;
	}

	@Override
	public void connect(ManagedHttpClientConnection connection, HttpHost host, InetSocketAddress localAddress,
			TimeValue connectTimeout, SocketConfig socketConfig, HttpContext context) throws IOException {
		this.delegate.connect(connection, host, localAddress, connectTimeout, socketConfig, context);
	}

	@Override
	public void connect(ManagedHttpClientConnection connection, HttpHost endpointHost,
			@Nullable NamedEndpoint endpointName, @Nullable InetSocketAddress localAddress,
			@Nullable Timeout connectTimeout, SocketConfig socketConfig, @Nullable Object attachment,
			HttpContext context) throws IOException {
		this.delegate.connect(connection, endpointHost, endpointName, localAddress, connectTimeout, socketConfig,
				attachment, context);
	}

	@Override
	public void connect(ManagedHttpClientConnection connection, HttpHost endpointHost,
			@Nullable NamedEndpoint endpointName, @Nullable Path unixDomainSocket,
			@Nullable InetSocketAddress localAddress, @Nullable Timeout connectTimeout, SocketConfig socketConfig,
			@Nullable Object attachment, HttpContext context) throws IOException {
		if (unixDomainSocket == null) {
			this.delegate.connect(connection, endpointHost, endpointName, null, localAddress, connectTimeout,
					socketConfig, attachment, context);
			return;
		}
		UnixDomainSocketAdapter socket = UnixDomainSocketAdapter.connect(unixDomainSocket, this.connections.buffers());
		try {
			Timeout soTimeout = socketConfig.getSoTimeout();
			if (soTimeout != null) {
				socket.setSoTimeout(soTimeout.toMillisecondsIntBound());
			}
			connection.bind(socket);
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
		this.connections.connected(Components.HTTPCLIENT5, unixDomainSocket, socket.channel()::isOpen);
	}

	@Override
	public void upgrade(ManagedHttpClientConnection connection, HttpHost host, HttpContext context) throws IOException {
		this.delegate.upgrade(connection, host, context);
	}

	@Override
	public void upgrade(ManagedHttpClientConnection connection, HttpHost endpointHost,
			@Nullable NamedEndpoint endpointName, @Nullable Object attachment, HttpContext context) throws IOException {
		this.delegate.upgrade(connection, endpointHost, endpointName, attachment, context);
	}

}
