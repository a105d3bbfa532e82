package io.github.loopbackfastpath.unixdomain.client.jetty;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.github.loopbackfastpath.unixdomain.LoopbackHosts;
import io.github.loopbackfastpath.unixdomain.UnixDomainRouter;
import io.github.loopbackfastpath.unixdomain.client.ClientConnections;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.io.Transport;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.jspecify.annotations.Nullable;

/**
 * The same-host mode's adapter for Jetty's HTTP client. Jetty resolves the host of every
 * new TCP connection through the client's {@link SocketAddressResolver}, with the
 * connection's context; for a plain {@code http://} destination without a proxy whose
 * host and port the {@link UnixDomainRouter} routes, this resolver puts a
 * {@link UnixDomainTransport} in that context, so the connection is made on the AF_UNIX
 * socket (and over TCP if that fails, before anything is written). The host is resolved
 * first by the client's own resolver, and the socket is the one of the listener the first
 * address reaches: a host Spring Boot's address filter refuses fails as it does on TCP,
 * and only the transport of the connection changes. Connections stay pooled in the
 * destination the request chose.
 * <p>
 * A per-request {@code Request.transport(Transport.TCPUnix)} would be Jetty's other way,
 * but Spring's request factory and connector create the requests, and neither
 * {@code HttpClient} nor Spring Boot's builders offer a hook on a request before it picks
 * its destination.
 *
 * @author Loopback Fast Path contributors
 */
public final class UnixDomainSocketAddressResolver implements SocketAddressResolver {

	private final HttpClient client;

	private final UnixDomainRouter router;

	private final ClientConnections connections;

	private volatile @Nullable SocketAddressResolver delegate;

	/**
	 * Create the resolver.
	 * @param client the client, whose own resolver (or, if it has none yet, Jetty's
	 * default one) resolves the addresses
	 * @param router decides which connections go over AF_UNIX
	 * @param connections records them
	 */
	public UnixDomainSocketAddressResolver(HttpClient client, UnixDomainRouter router, ClientConnections connections) {
		this.client = client;
		this.router = router;
		this.connections = connections;
		this.delegate = client.getSocketAddressResolver();
	}

	/**
	 * Give a client this resolver in front of its own; the place for Spring Boot's
	 * {@code withHttpClientCustomizer}.
	 * @param client the client
	 * @param router decides which connections go over AF_UNIX
	 * @param connections records them
	 */
	public static void apply(HttpClient client, UnixDomainRouter router, ClientConnections connections) {
		if (!(client.getSocketAddressResolver() instanceof UnixDomainSocketAddressResolver)) {
			client.setSocketAddressResolver(new UnixDomainSocketAddressResolver(client, router, connections));
		}
	}

	@Override
	public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
		if (!isPlainHttpWithoutProxy(context) || !LoopbackHosts.isLoopbackHost(host)
				|| !(context.get(Transport.CONTEXT_KEY) instanceof Transport tcp)) {
			delegate().resolve(host, port, context, promise);
			return;
		}
		delegate().resolve(host, port, context, Promise.from((addresses) -> {
			Path socket = (!addresses.isEmpty()) ? this.router.route(addresses.get(0).getAddress(), port) : null;
			if (socket != null) {
				context.put(Transport.CONTEXT_KEY, new UnixDomainTransport(socket, tcp, this.router, this.connections));
			}
			promise.succeeded(addresses);
		}, promise::failed));
	}

	private static boolean isPlainHttpWithoutProxy(Map<String, Object> context) {
		return context.get(Destination.CONTEXT_KEY) instanceof Destination destination
				&& "http".equalsIgnoreCase(destination.getOrigin().getScheme()) && destination.getProxy() == null;
	}

	// Jetty's own default, as HttpClient makes it when it starts without a resolver
	private SocketAddressResolver delegate() {
		SocketAddressResolver delegate = this.delegate;
		if (delegate == null) {
			delegate = new SocketAddressResolver.Async(this.client.getExecutor(), this.client.getScheduler(),
					this.client.getAddressResolutionTimeout());
			this.delegate = delegate;
		}
		return delegate;
	}

}
