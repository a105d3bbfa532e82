package io.github.loopbackfastpath.registry;

import org.jspecify.annotations.Nullable;

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

	// Written out: a record's generated equals and hashCode link an invokedynamic call
	// site on first use, measured at 25-33 ms in a fresh JVM, which the first socket
	// recorded at start-up paid (docs/benchmarks.md)
	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof OutcomeKind kind && this.role == kind.role && this.component.equals(kind.component)
				&& this.status == kind.status && this.transport == kind.transport;
	}

	@Override
	public int hashCode() {
		return ((this.role.hashCode() * 31 + this.component.hashCode()) * 31 + this.status.hashCode()) * 31
				+ this.transport.hashCode();
	}

}
