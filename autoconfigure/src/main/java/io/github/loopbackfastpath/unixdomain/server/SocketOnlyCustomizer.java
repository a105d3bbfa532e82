package io.github.loopbackfastpath.unixdomain.server;

import java.util.function.BiConsumer;

import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Makes a web server listen on its AF_UNIX socket only, when
 * {@code loopback.fast-path.unix-domain.socket-only} lists it: reserves the socket of its
 * configured port with the {@link SocketPublisher}, then hands it to the binder of its
 * kind, which binds the server's own listener there instead of a TCP port. Runs after
 * every other customizer, once the port and the protocol are settled.
 *
 * @param <F> the kind of factory
 * @author Loopback Fast Path contributors
 */
public final class SocketOnlyCustomizer<F extends AbstractConfigurableWebServerFactory>
		implements WebServerFactoryCustomizer<F>, Ordered {

	private final SocketPublisher sockets;

	private final SocketOnly server;

	private final Class<F> factoryType;

	private final String component;

	private final BiConsumer<F, PublishedSocket> listen;

	/**
	 * Create the customizer.
	 * @param sockets reserves the socket
	 * @param server which server the factory's is
	 * @param factoryType the kind of factory: Spring Boot hands every customizer of a
	 * generic class every factory
	 * @param component what serves it, such as {@code tomcat}
	 * @param listen makes the factory's server listen on the reserved socket
	 */
	public SocketOnlyCustomizer(SocketPublisher sockets, SocketOnly server, Class<F> factoryType, String component,
			BiConsumer<F, PublishedSocket> listen) {
		this.sockets = sockets;
		this.server = server;
		this.factoryType = factoryType;
		this.component = component;
		this.listen = listen;
	}

	@Override
	public void customize(F factory) {
		if (!this.factoryType.isInstance(factory) || !this.sockets.isSocketOnly(this.server)) {
			return;
		}
		if (Ssl.isEnabled(factory.getSsl())) {
			throw new IllegalStateException("The " + this.component + " server on port " + factory.getPort()
					+ " uses TLS, whose clients keep https:// on TCP, and cannot listen on an AF_UNIX socket only: "
					+ "remove it from loopback.fast-path.unix-domain.socket-only, or its TLS.");
		}
		this.listen.accept(factory,
				this.sockets.reserve(this.server, this.component, factory.getPort(), factory.getAddress()));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
