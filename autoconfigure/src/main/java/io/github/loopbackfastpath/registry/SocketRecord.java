package io.github.loopbackfastpath.registry;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * One socket in the registry: its fixed {@link SocketOutcome}, and what is known of the
 * socket since (addresses once bound or connected, connections a listener accepted, when
 * it closed).
 *
 * @author Loopback Fast Path contributors
 */
public final class SocketRecord implements TrackedSocket {

	private final long id;

	private final SocketOutcome outcome;

	private final @Nullable LiveSocket socket;

	private final @Nullable InetSocketAddress knownLocalAddress;

	private final @Nullable InetSocketAddress knownRemoteAddress;

	private final SocketRegistry registry;

	private final LongAdder acceptedConnections = new LongAdder();

	private volatile @Nullable Instant closedAt;

	private volatile @Nullable Supplier<@Nullable Long> handleReader;

	private volatile @Nullable Long readHandle;

	SocketRecord(long id, SocketOutcome outcome, @Nullable LiveSocket socket,
			@Nullable InetSocketAddress knownLocalAddress, @Nullable InetSocketAddress knownRemoteAddress,
			SocketRegistry registry) {
		this.id = id;
		this.outcome = outcome;
		this.socket = socket;
		this.knownLocalAddress = knownLocalAddress;
		this.knownRemoteAddress = knownRemoteAddress;
		this.registry = registry;
	}

	/**
	 * The record's id, unique in its registry.
	 * @return the id
	 */
	public long id() {
		return this.id;
	}

	@Override
	public SocketOutcome outcome() {
		return this.outcome;
	}

	/**
	 * The native socket: the one the request read, or, for a socket whose handle was left
	 * to be read when someone asks (where the OS has no ioctl, nothing native is loaded
	 * on the connection path), read now, once, while the socket is open.
	 * @return the handle, or {@code null} when it is not known
	 */
	public @Nullable Long handle() {
		Long known = this.outcome.handle();
		if (known != null) {
			return known;
		}
		Long read = this.readHandle;
		Supplier<@Nullable Long> reader = this.handleReader;
		if (read == null && reader != null && isOpen()) {
			read = reader.get();
			this.readHandle = read;
		}
		return read;
	}

	/**
	 * Leave the native socket to be read when {@link #handle()} is asked for.
	 * @param reader reads it; must not keep the socket reachable
	 */
	public void readHandleLater(Supplier<@Nullable Long> reader) {
		this.handleReader = reader;
	}

	/**
	 * The socket's role.
	 * @return the role
	 */
	public SocketRole role() {
		return this.outcome.role();
	}

	/**
	 * What happened.
	 * @return the status
	 */
	public FastPathStatus status() {
		return this.outcome.status();
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
	 * The local address: current while the socket is open, the last one seen after.
	 * @return the address or {@code null} if unknown
	 */
	public @Nullable InetSocketAddress localAddress() {
		InetSocketAddress seen = (this.socket != null) ? this.socket.localAddress() : null;
		return (seen != null) ? seen : this.knownLocalAddress;
	}

	/**
	 * The remote address: current while the socket is open, the last one seen after.
	 * @return the address or {@code null} for a listener or an unconnected client
	 */
	public @Nullable InetSocketAddress remoteAddress() {
		InetSocketAddress seen = (this.socket != null) ? this.socket.remoteAddress() : null;
		return (seen != null) ? seen : this.knownRemoteAddress;
	}

	/**
	 * Whether a client's peer is on loopback. The ioctl has no effect on any other path.
	 * @return whether the peer is a loopback address, or {@code null} for a listener or
	 * an unconnected client
	 */
	public @Nullable Boolean loopbackPeer() {
		if (role() != SocketRole.CLIENT) {
			return null;
		}
		InetSocketAddress remote = remoteAddress();
		return (remote != null && remote.getAddress() != null) ? remote.getAddress().isLoopbackAddress() : null;
	}

	/**
	 * How many connections a listener accepted since the record was made. They inherit
	 * the listener's setting.
	 * @return the count, 0 for a client
	 */
	public long acceptedConnections() {
		return this.acceptedConnections.sum();
	}

	@Override
	public void connectionAccepted() {
		this.acceptedConnections.increment();
	}

	@Override
	public void closed() {
		this.handleReader = null;
		this.registry.closed(this);
	}

	// Whether the live socket was seen closed (or garbage collected)
	boolean isSocketGone() {
		return this.socket != null && !this.socket.isOpen();
	}

	boolean markClosed(Instant when) {
		if (this.closedAt != null) {
			return false;
		}
		// Remember the addresses while the socket can still tell them
		localAddress();
		remoteAddress();
		this.closedAt = when;
		return true;
	}

	@Override
	public String toString() {
		InetSocketAddress local = localAddress();
		Integer errorCode = this.outcome.errorCode();
		return "#" + this.id + " " + role() + " " + this.outcome.component() + ((local != null) ? " " + local : "")
				+ " " + status() + ((errorCode != null) ? " " + this.outcome.errorName() + " (" + errorCode + ")" : "");
	}

}
