package io.github.loopbackfastpath.unixdomain.server;

import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Makes a web server listen on its AF_UNIX socket only, when
 * {@code loopback.fast-path.unix-domain.socket-only} lists it: reserves the socket of its
 * configured port with the {@link SocketPublisher}, then hands it to the binder of its
 * kind, which binds the server's own listener there instead of a TCP port. Runs after
 * every other customizer, once the port and the protocol are settled. The publisher and
 * the binder are asked for only then, and only for a server listed: the web server
 * factory is made before the application's other beans, and what it pulls in is made
 * without the type lookups those share.
 *
 * @param <F> the kind of factory
 * @author Loopback Fast Path contributors
 */
public final class SocketOnlyCustomizer<F extends AbstractConfigurableWebServerFactory>
		implements WebServerFactoryCustomizer<F>, Ordered {

	private final Set<SocketOnly> socketOnly;

	private final SocketOnly server;

	private final Class<F> factoryType;

	private final String component;

	private final Supplier<SocketPublisher> sockets;

	private final BiConsumer<F, PublishedSocket> listen;

	/**
	 * Create the customizer.
	 * @param socketOnly the servers that listen on their socket only
	 * ({@code loopback.fast-path.unix-domain.socket-only})
	 * @param server which server the factory's is
	 * @param factoryType the kind of factory: Spring Boot hands every customizer of a
	 * generic class every factory
	 * @param component what serves it, such as {@code tomcat}
	 * @param sockets reserves the socket, asked for when the server is listed
	 * @param listen makes the factory's server listen on the reserved socket
	 */
	public SocketOnlyCustomizer(Set<SocketOnly> socketOnly, SocketOnly server, Class<F> factoryType, String component,
			Supplier<SocketPublisher> sockets, BiConsumer<F, PublishedSocket> listen) {
		this.socketOnly = Set.copyOf(socketOnly);
		this.server = server;
		this.factoryType = factoryType;
		this.component = component;
		this.sockets = sockets;
		this.listen = listen;
	}

	@Override
	public void customize(F factory) {
		if (!this.factoryType.isInstance(factory) || !this.socketOnly.contains(this.server)) {
			return;
		}
		if (Ssl.isEnabled(factory.getSsl())) {
			throw new IllegalStateException("The " + this.component + " server on port " + factory.getPort()
					+ " uses TLS, whose clients keep https:// on TCP, and cannot listen on an AF_UNIX socket only: "
					+ "remove it from loopback.fast-path.unix-domain.socket-only, or its TLS.");
		}
		this.listen.accept(factory,
				this.sockets.get().reserve(this.server, this.component, factory.getPort(), factory.getAddress()));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
