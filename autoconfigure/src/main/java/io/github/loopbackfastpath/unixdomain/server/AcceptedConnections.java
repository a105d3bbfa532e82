package io.github.loopbackfastpath.unixdomain.server;

import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

import io.github.loopbackfastpath.unixdomain.PeerIdentity;
import org.jspecify.annotations.Nullable;

/**
 * What a server on a published socket tells of each connection it accepts: the connection
 * itself, from which its peer is read once ({@link PeerReader}) and counted on the
 * socket's record. The server keeps the returned identity with the connection and hands
 * it to every request that comes over it.
 *
 * @author Loopback Fast Path contributors
 */
public final class AcceptedConnections {

	private final PeerReader reader;

	private final Consumer<@Nullable PeerIdentity> accepted;

	private volatile @Nullable String unavailable;

	/**
	 * Create the hook.
	 * @param reader reads each connection's peer
	 * @param accepted runs for each connection with its peer, {@code null} if unknown
	 */
	public AcceptedConnections(PeerReader reader, Consumer<@Nullable PeerIdentity> accepted) {
		this.reader = reader;
		this.accepted = accepted;
	}

	/**
	 * A connection accepted as a JDK channel (Tomcat, Jetty, Netty's NIO transport).
	 * @param channel the accepted channel
	 * @return its peer, or {@code null} if the OS does not tell
	 */
	public @Nullable PeerIdentity accepted(SocketChannel channel) {
		return accepted(this.reader.read(channel));
	}

	/**
	 * A connection accepted by a native transport (Netty's epoll).
	 * @param fd the accepted socket's file descriptor
	 * @return its peer, or {@code null} if it cannot be read
	 */
	public @Nullable PeerIdentity accepted(int fd) {
		return accepted(this.reader.read(fd));
	}

	/**
	 * The server cannot hand its requests their callers' identity.
	 * @param reason why
	 */
	public void identityUnavailable(String reason) {
		this.unavailable = reason;
	}

	/**
	 * What the requests over the socket lack of their callers' identity, and why.
	 * @return the reason, or {@code null} if they carry all of it
	 */
	public @Nullable String identityLimitation() {
		String unavailable = this.unavailable;
		return (unavailable != null) ? unavailable : this.reader.limitation();
	}

	/**
	 * A connection whose peer was read already, or cannot be.
	 * @param peer the peer, or {@code null} if unknown
	 * @return the peer
	 */
	public @Nullable PeerIdentity accepted(@Nullable PeerIdentity peer) {
		this.accepted.accept(peer);
		return peer;
	}

}
