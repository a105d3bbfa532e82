package io.github.loopbackfastpath.unixdomain.server;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

import io.github.loopbackfastpath.registry.TrackedSocket;
import io.github.loopbackfastpath.unixdomain.OwnSockets;
import io.github.loopbackfastpath.unixdomain.PeerIdentity;
import org.jspecify.annotations.Nullable;

/**
 * An AF_UNIX socket published beside a TCP listener: what serves it, its private place,
 * its record, and how it is unpublished and closed.
 *
 * @author Loopback Fast Path contributors
 */
public final class PublishedSocket {

	private final int port;

	private final @Nullable InetAddress address;

	private final Path path;

	private volatile @Nullable Path staged;

	private final String component;

	private final LongAdder accepted = new LongAdder();

	private final PeerUsers peers = new PeerUsers();

	private volatile @Nullable AcceptedConnections connections;

	private volatile @Nullable Serving server;

	private volatile @Nullable TrackedSocket record;

	private final boolean socketOnly;

	private final OwnSockets own;

	private volatile boolean open = true;

	PublishedSocket(int port, @Nullable InetAddress address, Path path, String component, boolean socketOnly,
			OwnSockets own) {
		this.port = port;
		this.address = address;
		this.path = path;
		this.component = component;
		this.socketOnly = socketOnly;
		this.own = own;
	}

	/**
	 * The TCP port whose requests the socket serves.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * The address the TCP listener is bound to.
	 * @return the address, or {@code null} for a wildcard address
	 */
	public @Nullable InetAddress address() {
		return this.address;
	}

	/**
	 * The socket file.
	 * @return the path
	 */
	public Path path() {
		return this.path;
	}

	/**
	 * What serves it, such as {@code tomcat}.
	 * @return the component
	 */
	public String component() {
		return this.component;
	}

	/**
	 * How many connections it accepted.
	 * @return the count
	 */
	public long acceptedConnections() {
		return this.accepted.sum();
	}

	/**
	 * Whether it is still published. A file someone else removed is found out by the next
	 * client that falls back to TCP.
	 * @return whether it is published
	 */
	public boolean isOpen() {
		return this.open && this.own.contains(this.path);
	}

	// Closed for good, as its publisher closes
	boolean isClosed() {
		return !this.open;
	}

	/**
	 * Who connected to it.
	 * @return the users whose processes connected, with their connections
	 */
	public PeerUsers peerUsers() {
		return this.peers;
	}

	/**
	 * What the requests over it lack of their callers' identity, and why.
	 * @return the reason, or {@code null} if they carry all of it
	 */
	public @Nullable String identityLimitation() {
		AcceptedConnections connections = this.connections;
		return (connections != null) ? connections.identityLimitation() : null;
	}

	/**
	 * Whether its server listens on this socket only, with no TCP listener
	 * ({@link SocketOnly}).
	 * @return whether it has no TCP listener
	 */
	public boolean isSocketOnly() {
		return this.socketOnly;
	}

	/**
	 * Where its server binds it: a private place until it is published under its name
	 * ({@link SocketStaging}), else its name itself.
	 * @return the path to bind
	 */
	public Path bindPath() {
		Path staged = this.staged;
		return (staged != null) ? staged : this.path;
	}

	/**
	 * What its server tells of every connection it accepts on it.
	 * @return the accepted connections
	 */
	public AcceptedConnections connections() {
		return Objects.requireNonNull(this.connections, "connections");
	}

	void connections(AcceptedConnections connections) {
		this.connections = connections;
	}

	// Runs for every connection the server accepts on the socket
	void accepted(@Nullable PeerIdentity peer) {
		this.accepted.increment();
		this.peers.connected((peer != null) ? peer.user() : PeerUsers.UNKNOWN);
		TrackedSocket record = this.record;
		if (record != null) {
			record.connectionAccepted();
		}
	}

	void staged(@Nullable Path staged) {
		this.staged = staged;
	}

	@Nullable Path staged() {
		return this.staged;
	}

	void serving(Serving server) {
		this.server = server;
	}

	// Published again (its server started again): the record of the first time is closed
	void recorded(TrackedSocket record) {
		TrackedSocket previous = this.record;
		this.record = record;
		if (previous != null) {
			previous.closed();
		}
	}

	/**
	 * Remove the socket's name, so that no new client finds it; connections made already
	 * go on.
	 */
	void unpublish() {
		this.own.remove(this.path);
		removeName();
	}

	// Only a name this socket was published under: a name of someone else's is never
	// removed
	private void removeName() {
		if (this.record != null) {
			try {
				Files.deleteIfExists(this.path);
			}
			catch (IOException ex) {
				// Left for the next start-up, which replaces a stale file
			}
		}
	}

	/**
	 * Remove the socket's name and let the requests in flight on it finish.
	 * @param done to run once they did
	 */
	public void shutDownGracefully(Runnable done) {
		unpublish();
		Serving server = this.server;
		if (server != null) {
			server.shutDownGracefully(done);
		}
		else {
			done.run();
		}
	}

	/**
	 * Stop serving on the socket and remove its file and its private place.
	 */
	void close() {
		if (!this.open) {
			return;
		}
		this.open = false;
		this.own.remove(this.path);
		Serving server = this.server;
		try {
			if (server != null) {
				server.close();
			}
		}
		catch (Exception ex) {
			// The file is removed below either way
		}
		removeName();
		TrackedSocket record = this.record;
		if (record != null) {
			record.closed();
		}
		Path staged = this.staged;
		if (staged != null) {
			SocketStaging.remove(staged);
		}
	}

}
