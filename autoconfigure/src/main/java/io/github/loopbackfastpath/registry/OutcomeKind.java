package io.github.loopbackfastpath.registry;

/**
 * A kind of outcome, for counting: which role, which component, which status, which
 * transport.
 *
 * @param role the socket's role
 * @param component what opened it
 * @param status what happened
 * @param transport TCP or AF_UNIX
 * @author Loopback Fast Path contributors
 */
public record OutcomeKind(SocketRole role, String component, FastPathStatus status, Transport transport) {

	/**
	 * A kind of outcome of a TCP socket.
	 * @param role the socket's role
	 * @param component what opened it
	 * @param status what happened
	 */
	public OutcomeKind(SocketRole role, String component, FastPathStatus status) {
		this(role, component, status, Transport.TCP);
	}

}
