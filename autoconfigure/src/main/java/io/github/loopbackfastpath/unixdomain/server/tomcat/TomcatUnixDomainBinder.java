package io.github.loopbackfastpath.unixdomain.server.tomcat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import io.github.loopbackfastpath.registry.Components;
import io.github.loopbackfastpath.server.tomcat.FastPathHttp11NioProtocol;
import io.github.loopbackfastpath.unixdomain.SocketBuffers;
import io.github.loopbackfastpath.unixdomain.SocketPermissions;
import io.github.loopbackfastpath.unixdomain.server.AcceptedConnections;
import io.github.loopbackfastpath.unixdomain.server.PublishedSocket;
import io.github.loopbackfastpath.unixdomain.server.ServerBinder;
import io.github.loopbackfastpath.unixdomain.server.Serving;
import org.apache.catalina.Service;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.apache.coyote.ProtocolHandler;
import org.apache.coyote.UpgradeProtocol;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.coyote.http2.Http2Protocol;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * Binds Tomcat to an AF_UNIX socket: a second NIO connector with
 * {@code unixDomainSocketPath}, added to the running service, so the same engine, host
 * and context (filters, security) serve it. It takes the TCP connector's settings, its
 * HTTP/2 upgrade protocol (h2c) and thread pool; removing and destroying it deletes the
 * socket file.
 *
 * @author Loopback Fast Path contributors
 */
public final class TomcatUnixDomainBinder implements ServerBinder {

	private static final List<String> PROTOCOL_PROPERTIES = List.of("maxHttpHeaderSize", "maxHttpRequestHeaderSize",
			"maxHttpResponseHeaderSize", "connectionTimeout", "keepAliveTimeout", "maxKeepAliveRequests",
			"maxSwallowSize", "compression", "compressionMinSize", "compressibleMimeType", "relaxedPathChars",
			"relaxedQueryChars", "rejectIllegalHeader", "maxTrailerSize", "maxExtensionSize");

	private final String permissions;

	private final SocketBuffers buffers;

	/**
	 * Create the binder.
	 * @param permissions the permissions Tomcat gives the socket file, such as
	 * {@code rw-------}
	 * @param buffers the buffer size asked for on each accepted connection
	 */
	public TomcatUnixDomainBinder(String permissions, SocketBuffers buffers) {
		this.permissions = permissions;
		this.buffers = buffers;
	}

	@Override
	public String component() {
		return Components.TOMCAT;
	}

	@Override
	public void prepare() {
		UnixDomainProtocol.prepare();
	}

	@Override
	public @Nullable String refusal(WebServerApplicationContext context) {
		Connector connector = tomcat(context).getTomcat().getConnector();
		if (connector.getSecure() || "https".equals(connector.getScheme())) {
			return TLS_REFUSAL;
		}
		if (!(connector.getProtocolHandler() instanceof Http11NioProtocol)) {
			return "The connector's protocol " + connector.getProtocolHandler().getClass().getName()
					+ " is not Tomcat's HTTP/1.1 NIO protocol, the one that serves AF_UNIX sockets.";
		}
		for (UpgradeProtocol upgrade : connector.findUpgradeProtocols()) {
			if (!(upgrade instanceof Http2Protocol)) {
				return "The connector's upgrade protocol " + upgrade.getClass().getName()
						+ " cannot be served on an AF_UNIX socket as on TCP.";
			}
		}
		return null;
	}

	@Override
	public @Nullable InetAddress address(WebServerApplicationContext context) {
		ProtocolHandler handler = tomcat(context).getTomcat().getConnector().getProtocolHandler();
		return (handler instanceof AbstractProtocol<?> protocol) ? protocol.getAddress() : null;
	}

	@Override
	public Serving bind(WebServerApplicationContext context, Path socket, AcceptedConnections accepted)
			throws Exception {
		requireNothingForOthers(socket.toAbsolutePath().getParent());
		Connector tcp = tomcat(context).getTomcat().getConnector();
		Connector connector = new Connector(new UnixDomainProtocol(accepted, this.buffers));
		copySettings(tcp, connector);
		connector.setProperty("unixDomainSocketPath", socket.toString());
		connector.setProperty("unixDomainSocketPathPermissions", this.permissions);
		Service service = tcp.getService();
		service.addConnector(connector);
		if (!connector.getState().isAvailable()) {
			service.removeConnector(connector);
			connector.destroy();
			throw new IllegalStateException("The AF_UNIX connector did not start (state " + connector.getState()
					+ "); see Tomcat's log for the cause.");
		}
		return () -> {
			service.removeConnector(connector);
			connector.destroy();
		};
	}

	/**
	 * Make a Tomcat listen on its reserved socket only: its own connector binds the
	 * socket instead of a TCP port, with the mode's protocol, so that Spring Boot
	 * configures, starts and drains it as ever.
	 * @param factory the factory of the server
	 * @param socket the reserved socket
	 */
	public void socketOnly(TomcatWebServerFactory factory, PublishedSocket socket) {
		String protocol = factory.getProtocol();
		if (!TomcatWebServerFactory.DEFAULT_PROTOCOL.equals(protocol)
				&& !FastPathHttp11NioProtocol.class.getName().equals(protocol)) {
			throw new IllegalStateException("Tomcat's protocol " + protocol + " cannot listen on an AF_UNIX socket "
					+ "only: Tomcat's HTTP/1.1 NIO protocol does. Keep the default protocol, or remove the server from "
					+ "loopback.fast-path.unix-domain.socket-only.");
		}
		factory.setProtocol(UnixDomainProtocol.class.getName());
		factory.addConnectorCustomizers((connector) -> {
			if (connector.getProtocolHandler() instanceof UnixDomainProtocol unixDomain) {
				unixDomain.serve(socket.connections(), this.buffers);
			}
			connector.setProperty("unixDomainSocketPath", socket.bindPath().toString());
			connector.setProperty("unixDomainSocketPathPermissions", this.permissions);
		});
	}

	private static TomcatWebServer tomcat(WebServerApplicationContext context) {
		if (context.getWebServer() instanceof TomcatWebServer tomcat) {
			return tomcat;
		}
		throw new IllegalStateException("Not a Tomcat server: " + context.getWebServer());
	}

	// Tomcat refuses a directory that grants others anything; say so plainly rather
	// than through its log
	private static void requireNothingForOthers(@Nullable Path directory) throws IOException {
		if (directory == null || !SocketPermissions.posix()) {
			return;
		}
		Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory);
		if (permissions.contains(PosixFilePermission.OTHERS_READ)
				|| permissions.contains(PosixFilePermission.OTHERS_WRITE)
				|| permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
			throw new IllegalStateException("Tomcat requires the socket directory " + directory
					+ " to grant nothing to others; it is " + PosixFilePermissions.toString(permissions)
					+ ". Restrict it, or let the starter create it.");
		}
	}

	private static void copySettings(Connector tcp, Connector connector) {
		ProtocolHandler handler = tcp.getProtocolHandler();
		for (String name : PROTOCOL_PROPERTIES) {
			Object value = tcp.getProperty(name);
			if (value != null) {
				connector.setProperty(name, String.valueOf(value));
			}
		}
		connector.getProtocolHandler().setExecutor(handler.getExecutor());
		connector.setURIEncoding(tcp.getURIEncoding());
		connector.setMaxPostSize(tcp.getMaxPostSize());
		connector.setMaxParameterCount(tcp.getMaxParameterCount());
		connector.setAllowTrace(tcp.getAllowTrace());
		connector.setXpoweredBy(tcp.getXpoweredBy());
		connector.setEnableLookups(false);
		// HTTP/2 (h2c by upgrade and with prior knowledge, server.http2.enabled): an
		// upgrade protocol of the connector's own, with the TCP one's settings
		for (UpgradeProtocol upgrade : tcp.findUpgradeProtocols()) {
			Http2Protocol http2 = new Http2Protocol();
			BeanUtils.copyProperties(upgrade, http2, "http11Protocol");
			connector.addUpgradeProtocol(http2);
		}
	}

}
