package io.github.loopbackfastpath.unixdomain.netty;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

/**
 * Keeps each Reactor Netty web server's {@link HttpServer} as Spring Boot configured it
 * (SSL, compression, forwarded headers, protocols, the application's customizers), by the
 * port it bound, so that its AF_UNIX socket is served with the same configuration. A
 * {@link NettyServerCustomizer}, Spring Boot's public hook on that server, which runs
 * after the others and changes nothing.
 *
 * @author Loopback Fast Path contributors
 */
public final class ConfiguredHttpServers implements NettyServerCustomizer {

	private final Map<Integer, HttpServer> byPort = new ConcurrentHashMap<>();

	@Override
	public HttpServer apply(HttpServer configured) {
		return configured.doOnBound((bound) -> this.byPort.put(bound.port(), configured));
	}

	/**
	 * The configured server that bound a port.
	 * @param port the port
	 * @return the server, or {@code null} if none of the customized servers bound it
	 */
	@Nullable HttpServer boundTo(int port) {
		return this.byPort.get(port);
	}

}
