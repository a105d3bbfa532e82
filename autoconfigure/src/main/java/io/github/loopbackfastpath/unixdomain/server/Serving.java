package io.github.loopbackfastpath.unixdomain.server;

import java.nio.file.Path;

/**
 * What serves a published socket: closing it stops serving there, and a graceful shutdown
 * drains it first, as Spring Boot drains the TCP listener beside it.
 *
 * @author Loopback Fast Path contributors
 */
@FunctionalInterface
public interface Serving extends AutoCloseable {

	/**
	 * Stop accepting connections on the socket and let the requests in flight finish,
	 * then run {@code done}, on another thread if it has to wait. By default there is
	 * nothing to do: the server is a connector of the web server itself (Tomcat, Jetty),
	 * which Spring Boot's own graceful shutdown drains with the TCP one.
	 * @param done to run once the requests in flight finished
	 */
	default void shutDownGracefully(Runnable done) {
		done.run();
	}

	/**
	 * Run a drain that waits for the requests in flight on a thread of its own, so that
	 * the servers of one shutdown phase drain side by side, then run {@code done}.
	 * @param drain closes the server once its requests finished
	 * @param done to run once it did, whether it succeeded or not
	 */
	static void drainInTheBackground(AutoCloseable drain, Runnable done) {
		Thread thread = new Thread(() -> {
			try {
				drain.close();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (Exception ex) {
				// Closed as far as it could be; the socket's file goes either way
			}
			finally {
				done.run();
			}
		}, "loopback-fast-path-unix-domain-shutdown");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * How a server starts serving on an AF_UNIX socket: what a {@link ServerBinder} or
	 * the gRPC server on the socket hands to {@link SocketPublisher#publish}.
	 */
	@FunctionalInterface
	interface Factory {

		/**
		 * Start serving on the socket.
		 * @param socket the socket file to bind
		 * @param accepted to tell of every connection accepted on it
		 * @return what serves the socket
		 * @throws Exception if the server could not bind
		 */
		Serving serve(Path socket, AcceptedConnections accepted) throws Exception;

	}

}
