package io.github.loopbackfastpath.unixdomain.client.httpclient5;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Objects;

import io.github.loopbackfastpath.client.httpclient5.HttpClient5Internals;
import io.github.loopbackfastpath.registry.Components;
import io.github.loopbackfastpath.unixdomain.LoopbackHosts;
import io.github.loopbackfastpath.unixdomain.UnixDomainRouter;
import io.github.loopbackfastpath.unixdomain.client.ClientConnections;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.io.HttpClientConnectionOperator;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Sends each plain {@code http://} loopback request of an Apache HttpClient 5 whose port
 * has a trusted published AF_UNIX socket over that socket, by giving the request an
 * AF_UNIX route (HttpClient 5.6); the connection pool keeps AF_UNIX and TCP connections
 * apart, as routes differ. The host is resolved by the pool's own resolver, Spring Boot's
 * filtering one where the application declared an {@code InetAddressFilter}, and a
 * request goes over AF_UNIX only to the listener that address reaches; a refused host
 * stays on TCP, where the pool refuses it as always. Runs in the exec chain just before
 * the protocol handler, so redirects and retries keep their usual behaviour. If the
 * AF_UNIX connection fails before the request reached the transport, the request goes
 * over its TCP route: a request is never sent twice.
 *
 * @author Loopback Fast Path contributors
 */
public final class UnixDomainRouting {

	/**
	 * The name of the handler in HttpClient's exec chain.
	 */
	public static final String NAME = "loopback-fast-path-unix-domain";

	private static final String SENT = UnixDomainRouting.class.getName() + ".sent";

	private final UnixDomainRouter router;

	private final ClientConnections connections;

	/**
	 * Create the routing.
	 * @param router decides which requests go over AF_UNIX
	 * @param connections records them
	 */
	public UnixDomainRouting(UnixDomainRouter router, ClientConnections connections) {
		this.router = router;
		this.connections = connections;
	}

	/**
	 * Install the routing in a client builder: the exec chain handlers, and the
	 * connection operator that connects AF_UNIX routes. A builder whose connection pool
	 * cannot be reached keeps every request on TCP, and the endpoint says so.
	 * @param builder the builder
	 */
	public void apply(HttpClientBuilder builder) {
		if (!isSupported()) {
			this.connections.notCovered(Components.HTTPCLIENT5 + " (AF_UNIX)",
					"This HttpClient 5 has no AF_UNIX routes (they came with 5.6): its requests stay on TCP. "
							+ "Upgrade httpclient5 to 5.6 or later.");
			return;
		}
		DnsResolver resolver = connectThroughStarter(builder);
		if (resolver == null) {
			return;
		}
		builder.addExecInterceptorBefore(ChainElement.PROTOCOL.name(), NAME,
				(request, scope, chain) -> execute(request, scope, chain, resolver));
		builder.addExecInterceptorBefore(ChainElement.MAIN_TRANSPORT.name(), NAME + "-sent",
				(request, scope, chain) -> {
					scope.clientContext.setAttribute(SENT, Boolean.TRUE);
					return chain.proceed(request, scope);
				});
	}

	/**
	 * Whether this HttpClient 5 has AF_UNIX routes (5.6 and later; Spring Boot 4.0 ships
	 * 5.5).
	 * @return whether requests can be routed over AF_UNIX
	 */
	public static boolean isSupported() {
		return ClassUtils.hasMethod(HttpRoute.class, "getUnixDomainSocket");
	}

	// The resolver the pool's TCP connections resolve their hosts with (Spring Boot's
	// filtering one, if the application has an address filter), once the pool connects
	// AF_UNIX routes through the starter; null to leave the client on TCP
	private @Nullable DnsResolver connectThroughStarter(HttpClientBuilder builder) {
		try {
			HttpClientConnectionManager manager = HttpClient5Internals.connectionManager(builder);
			if (manager == null) {
				manager = PoolingHttpClientConnectionManagerBuilder.create().build();
				builder.setConnectionManager(manager);
			}
			if (!(manager instanceof PoolingHttpClientConnectionManager pooling)) {
				throw new IllegalStateException(
						manager.getClass().getName() + " is not a PoolingHttpClientConnectionManager");
			}
			Object operator = Objects.requireNonNull(HttpClient5Internals.connectionOperator(pooling));
			if (operator instanceof UnixDomainConnectionOperator routing) {
				return routing.resolver();
			}
			DnsResolver resolver = HttpClient5Internals.dnsResolver(operator);
			if (resolver == null) {
				throw new IllegalStateException("The pool's connection operator " + operator.getClass().getName()
						+ " is the application's own: how it resolves and filters hosts is not known");
			}
			HttpClient5Internals.connectionOperator(pooling, new UnixDomainConnectionOperator(
					(HttpClientConnectionOperator) operator, resolver, this.router, this.connections));
			return resolver;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			this.connections.notCovered(Components.HTTPCLIENT5 + " (AF_UNIX)",
					"The connection pool of this HttpClient cannot be reached (" + ex + "): its requests stay on TCP.");
			return null;
		}
	}

	private ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain,
			DnsResolver resolver) throws IOException, HttpException {
		HttpRoute route = scope.route;
		HttpHost target = route.getTargetHost();
		Path socket = (route.getUnixDomainSocket() == null && route.getHopCount() == 1 && !route.isSecure()
				&& "http".equalsIgnoreCase(target.getSchemeName())) ? route(target, resolver) : null;
		if (socket == null) {
			return chain.proceed(request, scope);
		}
		ExecChain.Scope unixScope = new ExecChain.Scope(scope.exchangeId, new HttpRoute(target, socket),
				scope.originalRequest, scope.execRuntime, scope.clientContext);
		scope.clientContext.removeAttribute(SENT);
		try {
			return chain.proceed(request, unixScope);
		}
		catch (IOException ex) {
			if (scope.clientContext.getAttribute(SENT) != null) {
				throw ex;
			}
			IOException noTcp = this.router.fellBack(Components.HTTPCLIENT5, socket, ex);
			if (noTcp != null) {
				throw noTcp;
			}
			return chain.proceed(request, scope);
		}
	}

	// The address the TCP connection would be made to, resolved as the pool resolves it
	// (filtered, if the application has an address filter); a host refused there stays
	// on TCP, where the pool refuses it as it always does
	private @Nullable Path route(HttpHost target, DnsResolver resolver) {
		if (!LoopbackHosts.isLoopbackHost(target.getHostName())) {
			return null;
		}
		InetAddress[] addresses;
		try {
			addresses = (target.getAddress() != null) ? new InetAddress[] { target.getAddress() }
					: resolver.resolve(target.getHostName());
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
		return (addresses != null && addresses.length > 0)
				? this.router.route(addresses[0], LoopbackHosts.httpPort(target.getPort())) : null;
	}

}
