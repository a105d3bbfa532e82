package io.github.loopbackfastpath.registry;

/**
 * The transport a socket uses.
 *
 * @author Loopback Fast Path contributors
 */
public enum Transport {

	/**
	 * TCP, over loopback or not: where {@code SIO_LOOPBACK_FAST_PATH} applies.
	 */
	TCP,

	/**
	 * An AF_UNIX (Unix domain) stream socket of the same-host mode, named by a path in
	 * the socket directory.
	 */
	UNIX_DOMAIN

}
