package io.github.loopbackfastpath.registry;

/**
 * What a hook keeps of a socket it asked the fast path for: the outcome, and where to
 * report the socket's later events.
 *
 * @author Loopback Fast Path contributors
 */
public interface TrackedSocket {

	/**
	 * What the request did.
	 * @return the outcome
	 */
	SocketOutcome outcome();

	/**
	 * A listener accepted a connection, which inherits its setting. Called on the accept
	 * path: one add to a striped counter.
	 */
	void connectionAccepted();

	/**
	 * The socket was closed: its record moves to the bounded history.
	 */
	void closed();

}
