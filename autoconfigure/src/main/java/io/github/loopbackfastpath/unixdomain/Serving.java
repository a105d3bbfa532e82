package io.github.loopbackfastpath.unixdomain;

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

}
