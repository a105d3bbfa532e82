package io.github.loopbackfastpath.server;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.WebServer;

/**
 * What one server library's hook knows about a web server once it has started: whether
 * the server is of its kind, and which of its listeners no hook reached.
 *
 * @author Loopback Fast Path contributors
 */
public interface WebServerCoverage {

	/**
	 * The component name of the server's records, if the server is of this library.
	 * @param server a started web server
	 * @return the component, or {@code null} if the server is not of this library
	 */
	@Nullable String componentOf(WebServer server);

	/**
	 * Record, as skipped with the reason, every listener of a server of this library that
	 * the hook did not reach (a protocol or connector the application chose). Only called
	 * when listeners get the fast path.
	 * @param server a started web server of this library
	 */
	default void recordUnhooked(WebServer server) {
	}

}
