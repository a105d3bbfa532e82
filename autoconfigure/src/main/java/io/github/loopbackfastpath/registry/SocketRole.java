package io.github.loopbackfastpath.registry;

/**
 * The side of a loopback connection a socket is on.
 *
 * @author Loopback Fast Path contributors
 */
public enum SocketRole {

	/**
	 * A listening socket: every connection it accepts inherits its setting.
	 */
	LISTENER,

	/**
	 * A socket that initiates a connection.
	 */
	CLIENT

}
