package io.github.loopbackfastpath.server;

import org.springframework.boot.web.server.WebServer;

/**
 * What one server library's hook knows about a web server once it has started: whether
 * the server is of its kind, and which of its listeners no hook reached.
 *
 * @author Loopback Fast Path contributors
 */
public interface WebServerCoverage {

	/**
	 * The library this coverage speaks for, as {@link WebServers#componentOf} names it.
	 * @return the component, such as {@code tomcat}
	 */
	String component();

	/**
	 * Record, as skipped with the reason, every listener of a server of this library that
	 * the hook did not reach (a protocol or connector the application chose). Only called
	 * when listeners get the fast path.
	 * @param server a started web server of this library
	 */
	default void recordUnhooked(WebServer server) {
	}

}
