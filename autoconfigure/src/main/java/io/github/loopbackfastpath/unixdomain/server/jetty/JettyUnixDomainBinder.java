package io.github.loopbackfastpath.unixdomain.server.jetty;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;

import io.github.loopbackfastpath.registry.Components;
import io.github.loopbackfastpath.unixdomain.SocketBuffers;
import io.github.loopbackfastpath.unixdomain.server.AcceptedConnections;
import io.github.loopbackfastpath.unixdomain.server.PublishedSocket;
import io.github.loopbackfastpath.unixdomain.server.ServerBinder;
import io.github.loopbackfastpath.unixdomain.server.Serving;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.HostPort;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * Binds Jetty to an AF_UNIX socket: a {@link JettyUnixDomainConnector} with the TCP
 * connector's connection factories (its HTTP configuration, h2c), added to the running
 * server, so the same handlers (filters, security) serve it.
 *
 * @author Loopback Fast Path contributors
 */
public final class JettyUnixDomainBinder implements ServerBinder {

	private final SocketBuffers buffers;

	/**
	 * Create the binder.
	 * @param buffers the buffer size asked for on each accepted connection
	 */
	public JettyUnixDomainBinder(SocketBuffers buffers) {
		this.buffers = buffers;
	}

	@Override
	public String component() {
		return Components.JETTY;
	}

	@Override
	public void prepare() {
		JettyUnixDomainConnector.prepare();
	}

	@Override
	public @Nullable String refusal(WebServerApplicationContext context) {
		return refusal(tcpConnector(jetty(context).getServer()));
	}

	// Why a server with this TCP connector cannot be served on an AF_UNIX socket
	private static @Nullable String refusal(@Nullable Connector connector) {
		if (connector == null) {
			return "The Jetty server has no TCP connector.";
		}
		if (connector.getConnectionFactory(SslConnectionFactory.class) != null) {
			return TLS_REFUSAL;
		}
		if (connector.getConnectionFactory(HttpConnectionFactory.class) == null) {
			return "The Jetty connector has no HTTP/1.1 connection factory.";
		}
		return null;
	}

	@Override
	public @Nullable InetAddress address(WebServerApplicationContext context) {
		Connector connector = tcpConnector(jetty(context).getServer());
		String host = (connector instanceof NetworkConnector network) ? network.getHost() : null;
		if (host == null || host.isEmpty()) {
			return null;
		}
		try {
			return InetAddress.getByName(host);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("The Jetty connector's host " + host + " does not resolve", ex);
		}
	}

	@Override
	public Serving bind(WebServerApplicationContext context, Path socket, AcceptedConnections accepted)
			throws Exception {
		Server jetty = jetty(context).getServer();
		Connector tcp = Objects.requireNonNull(tcpConnector(jetty));
		JettyUnixDomainConnector connector = connector(jetty, tcp, socket, accepted, jetty(context).getPort());
		jetty.addConnector(connector);
		try {
			connector.start();
		}
		catch (Exception ex) {
			jetty.removeConnector(connector);
			throw ex;
		}
		return () -> {
			connector.stop();
			jetty.removeConnector(connector);
		};
	}

	/**
	 * Make a Jetty listen on its reserved socket only: the mode's connector, with the
	 * connection factories Spring Boot configured, takes the place of its TCP connector,
	 * so that Spring Boot starts and drains it as ever.
	 * @param factory the factory of the server
	 * @param socket the reserved socket
	 */
	public void socketOnly(ConfigurableJettyWebServerFactory factory, PublishedSocket socket) {
		factory.addServerCustomizers((jetty) -> {
			Connector tcp = tcpConnector(jetty);
			String refusal = refusal(tcp);
			if (tcp == null || refusal != null) {
				throw new IllegalStateException("Jetty cannot listen on an AF_UNIX socket only: " + refusal
						+ " Remove the server from loopback.fast-path.unix-domain.socket-only.");
			}
			jetty.removeConnector(tcp);
			jetty.addConnector(connector(jetty, tcp, socket.bindPath(), socket.connections(), socket.port()));
		});
	}

	// The socket's connector, with the TCP connector's connection factories and settings.
	// Requests over the socket, HTTP/1.1 and h2c, get their peer; the customizer passes
	// requests over TCP untouched
	private JettyUnixDomainConnector connector(Server jetty, Connector tcp, Path socket, AcceptedConnections accepted,
			int port) {
		for (ConnectionFactory factory : tcp.getConnectionFactories()) {
			if (factory instanceof HttpConfiguration.ConnectionFactory http) {
				HttpConfiguration configuration = http.getHttpConfiguration();
				if (configuration.getCustomizer(JettyUnixDomainConnector.PeerCustomizer.class) == null) {
					configuration.addCustomizer(new JettyUnixDomainConnector.PeerCustomizer());
				}
			}
		}
		JettyUnixDomainConnector connector = new JettyUnixDomainConnector(jetty, socket, accepted, this.buffers,
				tcp.getConnectionFactories()
					.stream()
					.map((factory) -> forSocket(factory, tcp, port))
					.toArray(ConnectionFactory[]::new));
		if (tcp instanceof AbstractConnector abstractConnector) {
			connector.setDefaultProtocol(abstractConnector.getDefaultProtocol());
		}
		connector.setIdleTimeout(tcp.getIdleTimeout());
		return connector;
	}

	// The TCP connector's own connection factories (h2c with server.http2.enabled),
	// running already: shared, never stopped by the socket's connector. HTTP/1.1's is
	// its own, with the TCP listener's authority for a request without a Host header
	// (h2c's prior knowledge preface): Jetty would take the socket's path for it
	private static ConnectionFactory forSocket(ConnectionFactory factory, Connector tcp, int port) {
		if (!(factory instanceof HttpConnectionFactory http) || !(tcp instanceof NetworkConnector network)) {
			return factory;
		}
		HttpConfiguration configuration = new HttpConfiguration(http.getHttpConfiguration());
		if (configuration.getServerAuthority() == null) {
			String host = network.getHost();
			configuration
				.setServerAuthority(new HostPort((host != null && !host.isEmpty()) ? host : "localhost", port));
		}
		HttpConnectionFactory own = new HttpConnectionFactory(configuration);
		own.setUseInputDirectByteBuffers(http.isUseInputDirectByteBuffers());
		own.setUseOutputDirectByteBuffers(http.isUseOutputDirectByteBuffers());
		own.setInputBufferSize(http.getInputBufferSize());
		own.setTransferEncodingChunkMaxLength(http.getTransferEncodingChunkMaxLength());
		return own;
	}

	private static JettyWebServer jetty(WebServerApplicationContext context) {
		if (context.getWebServer() instanceof JettyWebServer jetty) {
			return jetty;
		}
		throw new IllegalStateException("Not a Jetty server: " + context.getWebServer());
	}

	private static @Nullable Connector tcpConnector(Server server) {
		for (Connector connector : server.getConnectors()) {
			if (connector instanceof NetworkConnector) {
				return connector;
			}
		}
		return null;
	}

}
