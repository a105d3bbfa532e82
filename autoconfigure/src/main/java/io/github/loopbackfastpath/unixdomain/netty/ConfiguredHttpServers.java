package io.github.loopbackfastpath.unixdomain.netty;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Keeps each Reactor Netty web server's {@link HttpServer} as Spring Boot configured it
 * (SSL, compression, forwarded headers, protocols, the application's customizers), by the
 * port it bound, so that its AF_UNIX socket is served with the same configuration. It
 * adds a last {@code NettyServerCustomizer}, which changes nothing, to every
 * {@link NettyReactiveWebServerFactory} it customizes: Spring Boot's public hooks on that
 * server. A factory customizer rather than a {@code NettyServerCustomizer} bean, because
 * the management server's factory (in its child context) takes factory customizers only.
 *
 * @author Loopback Fast Path contributors
 */
public final class ConfiguredHttpServers implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, Ordered {

	private final Map<Integer, HttpServer> byPort = new ConcurrentHashMap<>();

	@Override
	public void customize(NettyReactiveWebServerFactory factory) {
		factory.addServerCustomizers(this::keep);
	}

	private HttpServer keep(HttpServer configured) {
		return configured.doOnBound((bound) -> this.byPort.put(bound.port(), configured));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
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
