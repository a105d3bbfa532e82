package io.github.loopbackfastpath.unixdomain;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import io.github.loopbackfastpath.registry.TrackedSocket;

/**
 * Where the same-host mode says what it did: each AF_UNIX socket it published or a client
 * connected to, each listener it left on TCP, and each client it cannot route.
 *
 * @author Loopback Fast Path contributors
 */
public interface UnixDomainRecorder {

	/**
	 * An AF_UNIX socket published beside a TCP listener, or instead of one.
	 * @param component what serves it, such as {@code tomcat}
	 * @param port the TCP port whose requests it serves
	 * @param socket the socket file
	 * @param socketOnly whether its server has no TCP listener
	 * @param isOpen whether it is still published
	 * @return the record, which counts accepted connections and is closed on unpublish
	 */
	TrackedSocket published(String component, int port, Path socket, boolean socketOnly, BooleanSupplier isOpen);

	/**
	 * A listener the mode leaves on TCP only.
	 * @param component what serves it
	 * @param socket the socket file it would have had
	 * @param reason why
	 * @return the record, closed on shutdown
	 */
	TrackedSocket skipped(String component, Path socket, String reason);

	/**
	 * A client connection made over an AF_UNIX socket instead of TCP.
	 * @param component the client, such as {@code reactor-netty-client}
	 * @param socket the socket file it connected to
	 * @param isOpen whether the connection is still open
	 * @return the record, closed with the connection
	 */
	TrackedSocket connected(String component, Path socket, BooleanSupplier isOpen);

	/**
	 * A client whose requests stay on TCP in this mode.
	 * @param component the client
	 * @param reason why, and what to use instead
	 */
	void notCovered(String component, String reason);

}
