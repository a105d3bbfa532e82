package io.github.loopbackfastpath.registry;

/**
 * The point in a socket's life at which the fast path was requested. Windows requires it
 * before {@code connect} on a client and before the first {@code accept} on a listener.
 *
 * @author Loopback Fast Path contributors
 */
public enum Stage {

	/**
	 * After the socket was created and before it was bound.
	 */
	BEFORE_BIND,

	/**
	 * After the listener was bound (and possibly listening) and before anything was
	 * accepted.
	 */
	BEFORE_ACCEPT,

	/**
	 * After the client socket was created and before it connected.
	 */
	BEFORE_CONNECT

}
