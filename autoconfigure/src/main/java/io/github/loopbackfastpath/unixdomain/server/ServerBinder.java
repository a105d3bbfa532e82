package io.github.loopbackfastpath.unixdomain.server;

import java.net.InetAddress;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * Binds one kind of embedded web server to an AF_UNIX socket, so that it serves the same
 * requests there as on its TCP port: same filters, same security.
 *
 * @author Loopback Fast Path contributors
 */
public interface ServerBinder {

	/**
	 * Why a TLS listener is not published: its clients keep {@code https://} on TCP.
	 */
	String TLS_REFUSAL = "The listener uses TLS: clients keep https:// on TCP, so an AF_UNIX socket would not be used.";

	/**
	 * The library whose servers this binder handles, as {@code WebServers.componentOf}
	 * names it.
	 * @return the component, such as {@code tomcat}
	 */
	String component();

	/**
	 * Why this server is not published, such as a TLS listener.
	 * @param context the context whose server started ({@code getWebServer()})
	 * @return the reason, or {@code null} to publish it
	 */
	@Nullable String refusal(WebServerApplicationContext context);

	/**
	 * The address the server's TCP listener is bound to, which decides the requests its
	 * socket may serve: TCP delivers to it only those made to that address.
	 * @param context the context whose server started ({@code getWebServer()})
	 * @return the address, or {@code null} for a wildcard address
	 */
	@Nullable InetAddress address(WebServerApplicationContext context);

	/**
	 * Prepare what binding needs and no server decides, such as the classes of the
	 * library's connector on the socket. Runs on a thread of its own while the
	 * application starts ({@link SocketPublisher#prepareInTheBackground}); by default
	 * nothing.
	 */
	default void prepare() {
	}

	/**
	 * Load, link and initialize classes, as a binder's {@link #prepare()} does with its
	 * connector's.
	 * @param types the classes
	 */
	static void initialize(Class<?>... types) {
		for (Class<?> type : types) {
			try {
				Class.forName(type.getName(), true, type.getClassLoader());
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	/**
	 * Start serving the server's requests on the socket.
	 * @param context the context whose server started ({@code getWebServer()})
	 * @param socket the socket file to bind
	 * @param accepted to tell of every connection accepted on it, whose peer the server
	 * hands to each request that comes over it
	 * @return what serves the socket
	 * @throws Exception if it could not bind
	 */
	Serving bind(WebServerApplicationContext context, Path socket, AcceptedConnections accepted) throws Exception;

}
