package io.github.loopbackfastpath.unixdomain.server;

import org.jspecify.annotations.Nullable;

/**
 * A server that listens on its AF_UNIX socket only, with no TCP listener
 * ({@code loopback.fast-path.unix-domain.socket-only}): it serves on
 * {@code <directory>/<port>.sock} for its configured port, behind a proxy or a sidecar on
 * the same host, and the application's own loopback calls to that port reach it there.
 *
 * @author Loopback Fast Path contributors
 */
public enum SocketOnly {

	/**
	 * The application's web server ({@code server.port}).
	 */
	SERVER("server.port", "no embedded web server the same-host mode binds (Tomcat, Jetty, Reactor Netty)."),

	/**
	 * The separate management server ({@code management.server.port}).
	 */
	MANAGEMENT("management.server.port",
			"no separate management server; set management.server.port to a port of " + "its own to have one."),

	/**
	 * Spring Boot's gRPC server ({@code spring.grpc.server.port}).
	 */
	GRPC("spring.grpc.server.port", "no gRPC server on grpc-netty that Spring Boot started.");

	private final String portProperty;

	private final String missing;

	SocketOnly(String portProperty, String missing) {
		this.portProperty = portProperty;
		this.missing = missing;
	}

	// What an application that lists it but does not have it lacks
	String missing() {
		return this.missing;
	}

	/**
	 * The property that sets the server's port, which names its socket.
	 * @return the property, such as {@code server.port}
	 */
	public String portProperty() {
		return this.portProperty;
	}

	/**
	 * The web server of a context, by the context's server namespace.
	 * @param namespace the namespace ({@code management} for the management server's
	 * child context), or {@code null}
	 * @return the server
	 */
	public static SocketOnly ofNamespace(@Nullable String namespace) {
		return "management".equals(namespace) ? MANAGEMENT : SERVER;
	}

}
