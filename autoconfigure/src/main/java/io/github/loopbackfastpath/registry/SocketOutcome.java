package io.github.loopbackfastpath.registry;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the fast path request did for one socket, fixed when it was made.
 *
 * @param role whether the socket listens or connects
 * @param component what opened the socket, such as {@code tomcat} or
 * {@code reactor-netty-client}
 * @param stage when in the socket's life the fast path was requested, or {@code null}
 * when nothing was requested
 * @param status what happened
 * @param handle the native socket ({@code SOCKET} on Windows, file descriptor elsewhere),
 * or {@code null} if it was not reached
 * @param errorCode the Winsock error code, or {@code null} if none
 * @param errorName the Winsock error's symbolic name, such as {@code WSAEOPNOTSUPP}, or
 * {@code null} if none
 * @param message what the status means for this socket and, for a failure, how to fix it
 * @param time when the fast path was requested
 * @param transport the socket's transport
 * @param path the socket file of an AF_UNIX socket, or {@code null} for TCP
 * @author Loopback Fast Path contributors
 */
public record SocketOutcome(SocketRole role, String component, @Nullable Stage stage, FastPathStatus status,
		@Nullable Long handle, @Nullable Integer errorCode, @Nullable String errorName, String message, Instant time,
		Transport transport, @Nullable String path) {

	/**
	 * How the message of an AF_UNIX listener whose server has no TCP listener begins.
	 */
	public static final String NO_TCP_LISTENER = "No TCP listener: ";

	/**
	 * An outcome for a TCP socket.
	 * @param role whether the socket listens or connects
	 * @param component what opened the socket
	 * @param stage when the fast path was requested, or {@code null}
	 * @param status what happened
	 * @param handle the native socket, or {@code null}
	 * @param errorCode the Winsock error code, or {@code null}
	 * @param errorName the Winsock error's name, or {@code null}
	 * @param message what the status means for this socket
	 * @param time when the fast path was requested
	 */
	public SocketOutcome(SocketRole role, String component, @Nullable Stage stage, FastPathStatus status,
			@Nullable Long handle, @Nullable Integer errorCode, @Nullable String errorName, String message,
			Instant time) {
		this(role, component, stage, status, handle, errorCode, errorName, message, time, Transport.TCP, null);
	}

	/**
	 * The kind of this outcome, for counting.
	 * @return the kind
	 */
	public OutcomeKind kind() {
		return new OutcomeKind(this.role, this.component, this.status, this.transport);
	}

	/**
	 * Whether this is an AF_UNIX listener whose server has no TCP listener.
	 * @return whether its server listens on its AF_UNIX socket only
	 */
	public boolean noTcpListener() {
		return this.transport == Transport.UNIX_DOMAIN && this.message.startsWith(NO_TCP_LISTENER);
	}

}
