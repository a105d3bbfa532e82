package io.github.loopbackfastpath.engine;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;

/**
 * What happened to one socket. The outcome is fixed when the record is made; whether the
 * socket is still open, its addresses once bound or connected, and the connections a
 * listener accepted are kept current.
 *
 * @author Loopback Fast Path contributors
 */
public final class SocketRecord {

	private final long id;

	private final SocketRole role;

	private final String component;

	private final @Nullable Stage stage;

	private final FastPathStatus status;

	private final @Nullable Long handle;

	private final @Nullable Integer errorCode;

	private final @Nullable String message;

	private final Instant time;

	private final LongAdder acceptedConnections = new LongAdder();

	private volatile @Nullable LiveSocket socket;

	private volatile @Nullable InetSocketAddress localAddress;

	private volatile @Nullable InetSocketAddress remoteAddress;

	private volatile @Nullable Instant closedAt;

	SocketRecord(long id, SocketRequest request, FastPathStatus status, @Nullable Long handle,
			@Nullable Integer errorCode, @Nullable String message, Instant time) {
		this.id = id;
		this.role = request.role();
		this.component = request.component();
		this.stage = request.stage();
		this.socket = request.socket();
		this.localAddress = request.localAddress();
		this.remoteAddress = request.remoteAddress();
		this.status = status;
		this.handle = handle;
		this.errorCode = errorCode;
		this.message = message;
		this.time = time;
	}

	/**
	 * The record's id, unique in this JVM's registry.
	 * @return the id
	 */
	public long id() {
		return this.id;
	}

	/**
	 * Whether the socket listens or connects.
	 * @return the role
	 */
	public SocketRole role() {
		return this.role;
	}

	/**
	 * What opened the socket, such as {@code tomcat} or {@code reactor-netty-client}.
	 * @return the component
	 */
	public String component() {
		return this.component;
	}

	/**
	 * When in the socket's life the fast path was requested.
	 * @return the stage, or {@code null} when nothing was requested
	 */
	public @Nullable Stage stage() {
		return this.stage;
	}

	/**
	 * What happened.
	 * @return the status
	 */
	public FastPathStatus status() {
		return this.status;
	}

	/**
	 * The native socket: {@code SOCKET} on Windows, file descriptor elsewhere.
	 * @return the handle or {@code null} if it was not reached
	 */
	public @Nullable Long handle() {
		return this.handle;
	}

	/**
	 * The Winsock error code.
	 * @return the code or {@code null} if none
	 */
	public @Nullable Integer errorCode() {
		return this.errorCode;
	}

	/**
	 * The Winsock error's symbolic name, such as {@code WSAEOPNOTSUPP}.
	 * @return the name or {@code null} if no error
	 */
	public @Nullable String errorName() {
		return (this.errorCode != null) ? WsaError.nameOf(this.errorCode) : null;
	}

	/**
	 * What the status means for this socket and, for a failure, how to fix it.
	 * @return the message or {@code null}
	 */
	public @Nullable String message() {
		return this.message;
	}

	/**
	 * When the fast path was requested.
	 * @return the time
	 */
	public Instant time() {
		return this.time;
	}

	/**
	 * Whether the socket is still open.
	 * @return whether the socket is open
	 */
	public boolean isOpen() {
		return this.closedAt == null;
	}

	/**
	 * When the socket was seen closed.
	 * @return the time or {@code null} while open
	 */
	public @Nullable Instant closedAt() {
		return this.closedAt;
	}

	/**
	 * The local address, current while the socket is open.
	 * @return the address or {@code null} if unknown
	 */
	public @Nullable InetSocketAddress localAddress() {
		LiveSocket socket = this.socket;
		if (socket != null) {
			InetSocketAddress current = socket.localAddress();
			if (current != null) {
				this.localAddress = current;
			}
		}
		return this.localAddress;
	}

	/**
	 * The remote address, current while the socket is open.
	 * @return the address or {@code null} for a listener or an unconnected client
	 */
	public @Nullable InetSocketAddress remoteAddress() {
		LiveSocket socket = this.socket;
		if (socket != null) {
			InetSocketAddress current = socket.remoteAddress();
			if (current != null) {
				this.remoteAddress = current;
			}
		}
		return this.remoteAddress;
	}

	/**
	 * Whether a client's peer is on loopback. The ioctl has no effect on any other path.
	 * @return whether the peer is a loopback address, or {@code null} for a listener or an
	 * unconnected client
	 */
	public @Nullable Boolean loopbackPeer() {
		if (this.role != SocketRole.CLIENT) {
			return null;
		}
		InetSocketAddress remote = remoteAddress();
		return (remote != null && remote.getAddress() != null) ? remote.getAddress().isLoopbackAddress() : null;
	}

	/**
	 * How many connections a listener accepted since the record was made. They inherit the
	 * listener's setting.
	 * @return the count, 0 for a client
	 */
	public long acceptedConnections() {
		return this.acceptedConnections.sum();
	}

	/**
	 * Count a connection the listener accepted. Called on the accept path: one add to a
	 * striped counter.
	 */
	public void connectionAccepted() {
		this.acceptedConnections.increment();
	}

	@Nullable LiveSocket socket() {
		return this.socket;
	}

	/**
	 * Whether the live socket was seen closed (or garbage collected).
	 */
	boolean isSocketGone() {
		LiveSocket socket = this.socket;
		return socket != null && !socket.isOpen();
	}

	boolean markClosed(Instant when) {
		if (this.closedAt != null) {
			return false;
		}
		localAddress();
		remoteAddress();
		this.closedAt = when;
		this.socket = null;
		return true;
	}

	@Override
	public String toString() {
		InetSocketAddress local = this.localAddress;
		return "#" + this.id + " " + this.role + " " + this.component + ((local != null) ? " " + local : "") + " "
				+ this.status + ((this.errorCode != null) ? " " + errorName() + " (" + this.errorCode + ")" : "");
	}

}
