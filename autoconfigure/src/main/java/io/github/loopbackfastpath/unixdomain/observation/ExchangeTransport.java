package io.github.loopbackfastpath.unixdomain.observation;

/**
 * The transport an exchange used: the values of the {@code transport} key.
 *
 * @author Loopback Fast Path contributors
 */
public enum ExchangeTransport {

	/**
	 * A TCP connection.
	 */
	TCP,

	/**
	 * An AF_UNIX socket of the same-host mode.
	 */
	UNIX_DOMAIN;

	/**
	 * The transport for a yes or no.
	 * @param unixDomain whether the exchange went over an AF_UNIX socket
	 * @return the transport
	 */
	public static ExchangeTransport of(boolean unixDomain) {
		return unixDomain ? UNIX_DOMAIN : TCP;
	}

}
