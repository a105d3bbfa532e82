package io.github.loopbackfastpath.unixdomain.server.netty;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;

/**
 * Keeps each Reactor Netty web server's {@link HttpServer} as Spring Boot configured it
 * (SSL, compression, forwarded headers, protocols, the application's customizers), by the
 * factory that made it, so that its AF_UNIX socket is served with the same configuration.
 * It adds a last {@code NettyServerCustomizer}, which changes nothing, to every
 * {@link NettyReactiveWebServerFactory} it customizes: Spring Boot's public hooks on that
 * server. A factory customizer rather than a {@code NettyServerCustomizer} bean, because
 * the management server's factory (in its child context) takes factory customizers only.
 * Kept when the factory makes the server, not when it binds: Reactor Netty reports the
 * bind ({@code doOnBound}) on its event loop, possibly after {@code bindNow()} returned.
 *
 * @author Loopback Fast Path contributors
 */
public final class ConfiguredHttpServers implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, Ordered {

	private final Map<NettyReactiveWebServerFactory, HttpServer> byFactory = Collections
		.synchronizedMap(new WeakHashMap<>());

	@Override
	public void customize(NettyReactiveWebServerFactory factory) {
		factory.addServerCustomizers((configured) -> {
			this.byFactory.put(factory, configured);
			return configured;
		});
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/**
	 * The server a context's Reactor Netty factory configured last.
	 * @param context the context of the web server
	 * @return the server, or {@code null} if the context's factory is not one this
	 * customized
	 */
	@Nullable HttpServer configuredIn(ApplicationContext context) {
		NettyReactiveWebServerFactory factory = context.getBeanProvider(NettyReactiveWebServerFactory.class)
			.getIfUnique();
		return (factory != null) ? this.byFactory.get(factory) : null;
	}

}
